import { describe, expect, it } from 'vitest';
import type { ProMatchProfile } from '../peers/users-client.ts';
import { leadMatchesPro, serviceAreaFilter } from './matching.ts';

const pro = (patch: Partial<ProMatchProfile> = {}): ProMatchProfile => ({
  proId: 'p',
  matchable: true,
  categories: ['MOVING'],
  serviceAreas: [{ countryCode: 'GB', postalPrefix: 'SW1' }],
  ...patch,
});
const lead = (countryCode: string, postalCode: string, category = 'MOVING') => ({ category, location: { countryCode, postalCode } });

describe('leadMatchesPro (contract C1)', () => {
  it.each([
    ['same country, postal code starting with the prefix', lead('GB', 'SW1A 1AA'), pro(), true],
    ['lower case and spaces in the lead\'s code', lead('GB', 'sw1 a1aa'), pro(), true],
    ['another prefix', lead('GB', 'SW2A 1AA'), pro(), false],
    ['same code in another country', lead('FR', 'SW1A 1AA'), pro(), false],
    ['an empty prefix covers the whole country', lead('FR', '69001'), pro({ serviceAreas: [{ countryCode: 'FR', postalPrefix: '' }] }), true],
    ['a category the pro does not serve', lead('GB', 'SW1A 1AA', 'TUTORING'), pro(), false],
    ['a pro who is not matchable', lead('GB', 'SW1A 1AA'), pro({ matchable: false }), false],
    ['any of several areas', lead('NL', '1012 AB'), pro({ serviceAreas: [{ countryCode: 'GB', postalPrefix: 'E1' }, { countryCode: 'NL', postalPrefix: '1012' }] }), true],
  ])('%s', (_name, theLead, profile, expected) => {
    expect(leadMatchesPro(theLead, profile)).toBe(expected);
  });
});

describe('serviceAreaFilter', () => {
  it('is one branch per area with an anchored, escaped prefix (countries also at the top level, for the index), or null when no area is left', () => {
    expect(serviceAreaFilter([{ countryCode: 'gb', postalPrefix: 'sw1' }, { countryCode: 'FR', postalPrefix: '' }])).toEqual({
      'location.countryCode': { $in: ['GB', 'FR'] },
      $or: [{ 'location.countryCode': 'GB', 'location.postalKey': { $regex: '^SW1' } }, { 'location.countryCode': 'FR' }],
    });
    expect(serviceAreaFilter([{ countryCode: 'GB', postalPrefix: 'A.B' }])).toEqual({
      'location.countryCode': { $in: ['GB'] },
      $or: [{ 'location.countryCode': 'GB', 'location.postalKey': { $regex: '^A\\.B' } }],
    });
    expect(serviceAreaFilter([{ countryCode: 'GB', postalPrefix: '' }], 'FR')).toBeNull();
  });
});
