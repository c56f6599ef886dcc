import { describe, expect, it } from 'vitest';
import { inAreas, normalizeSegment, segmentFilter, segmentInput } from './segment.ts';

const segmentOf = (input: unknown) => normalizeSegment(segmentInput.parse(input));

describe('marketing segments', () => {
  it('matches a pro area when the countries are equal and one prefix starts with the other', () => {
    const segment = segmentOf({ roles: ['PRO'], serviceAreas: [{ countryCode: 'gb', postalPrefix: 'sw 1' }] });
    expect(inAreas(segment, [{ countryCode: 'GB', postalPrefix: 'SW1A' }])).toBe(true);
    expect(inAreas(segment, [{ countryCode: 'GB', postalPrefix: 'SW' }])).toBe(true);
    expect(inAreas(segment, [{ countryCode: 'GB', postalPrefix: '' }])).toBe(true);
    expect(inAreas(segment, [{ countryCode: 'GB', postalPrefix: 'SW2' }])).toBe(false);
    expect(inAreas(segment, [{ countryCode: 'FR', postalPrefix: 'SW1' }])).toBe(false);
    expect(inAreas(segment, undefined)).toBe(false);
    expect(inAreas(segmentOf({ roles: ['CLIENT'] }), undefined)).toBe(true);
  });

  it('filters active, confirmed accounts of the roles, pros by category and country', () => {
    expect(segmentFilter(segmentOf({ roles: ['PRO'], categories: ['MOVING', 'MOVING'], serviceAreas: [{ countryCode: 'GB' }, { countryCode: 'GB', postalPrefix: 'E1' }] }))).toEqual({
      role: { $in: ['pro'] },
      disabledAt: null,
      emailVerifiedAt: { $ne: null },
      'proProfile.categories': { $in: ['MOVING'] },
      'proProfile.serviceAreas.countryCode': { $in: ['GB'] },
    });
    expect(segmentFilter(segmentOf({ roles: ['CLIENT', 'PRO'] }))).toEqual({ role: { $in: ['client', 'pro'] }, disabledAt: null, emailVerifiedAt: { $ne: null } });
  });

  it('refuses categories or areas for clients, repeated roles and no role', () => {
    for (const bad of [
      { roles: ['CLIENT'], categories: ['MOVING'] },
      { roles: ['CLIENT', 'PRO'], serviceAreas: [{ countryCode: 'GB' }] },
      { roles: ['PRO', 'PRO'] },
      { roles: [] },
      { roles: ['ADMIN'] },
      { roles: ['PRO'], serviceAreas: [{ countryCode: 'ZZ' }] },
    ]) {
      expect(segmentInput.safeParse(bad).success).toBe(false);
    }
  });
});
