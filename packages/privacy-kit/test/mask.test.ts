import { describe, expect, it } from 'vitest';
import {
  applyMask,
  maskAddressToCity,
  maskEmail,
  maskLast4,
  maskNameInitial,
  maskPhone,
  REDACTED,
} from '../src/mask.ts';
import { MASK_STRATEGIES } from '../src/taxonomy.ts';

describe('maskEmail', () => {
  it('keeps the first character of the local part and domain, and the top-level domain', () => {
    expect(maskEmail('jane.doe@example.com')).toBe('j***@e***.com');
    expect(maskEmail('a@b.co.uk')).toBe('a***@b***.uk');
  });
  it('is unicode-safe', () => {
    expect(maskEmail('émile@société.fr')).toBe('é***@s***.fr');
    expect(maskEmail('👩🏽‍💻dev@例え.jp')).toBe('👩🏽‍💻***@例***.jp');
  });
  it('handles odd input without throwing', () => {
    expect(maskEmail('')).toBe('');
    expect(maskEmail('not-an-email')).toBe('***');
    expect(maskEmail('@example.com')).toBe('***');
    expect(maskEmail('jane@')).toBe('***');
    expect(maskEmail('jane@localhost')).toBe('j***@l***');
    expect(maskEmail(null)).toBe('');
    expect(maskEmail({})).toBe('');
  });
});

describe('maskPhone', () => {
  it('keeps the last 4 digits of a full number', () => {
    expect(maskPhone('+44 7700 900123')).toBe('•••• 0123');
  });
  it('keeps fewer digits of short numbers, none of very short ones', () => {
    expect(maskPhone('123456')).toBe('•••• 456');
    expect(maskPhone('1234')).toBe('•••• 34');
    expect(maskPhone('123')).toBe('••••');
    expect(maskPhone('')).toBe('');
    expect(maskPhone(undefined)).toBe('');
  });
  it('reads non-ASCII digits', () => {
    expect(maskPhone('٠١٢٣٤٥٦٧٨٩')).toBe('•••• ٦٧٨٩');
  });
});

describe('maskAddressToCity', () => {
  it('keeps only the city of a structured address', () => {
    expect(maskAddressToCity({ street: '1 Station Road', city: 'Stansted', postcode: 'CM24 8BE' })).toEqual({ city: 'Stansted' });
  });
  it('gives null for free text, an address without a city, and odd input', () => {
    expect(maskAddressToCity('1 Station Road, Stansted')).toBeNull();
    expect(maskAddressToCity({ street: '1 Station Road' })).toBeNull();
    expect(maskAddressToCity({ city: '  ' })).toBeNull();
    expect(maskAddressToCity(null)).toBeNull();
    expect(maskAddressToCity(['Stansted'])).toBeNull();
  });
});

describe('maskNameInitial', () => {
  it('turns each word into an initial', () => {
    expect(maskNameInitial('Jane Doe')).toBe('J. D.');
    expect(maskNameInitial('jean-luc  picard')).toBe('J. L. P.');
    expect(maskNameInitial('Émile Zola')).toBe('É. Z.');
    expect(maskNameInitial('李小龍')).toBe('李.');
  });
  it('handles odd input', () => {
    expect(maskNameInitial('')).toBe('');
    expect(maskNameInitial('   ')).toBe('');
    expect(maskNameInitial(null)).toBe('');
    expect(maskNameInitial('X')).toBe('X.');
  });
});

describe('maskLast4', () => {
  it('keeps the last 4 characters of an account number or IBAN', () => {
    expect(maskLast4('GB33 BUKB 2020 1555 5555 5555')).toBe('•••• 5555');
    expect(maskLast4('12-34-56 12345678')).toBe('•••• 5678');
  });
  it('keeps nothing of 4 characters or fewer', () => {
    expect(maskLast4('1234')).toBe('••••');
    expect(maskLast4('12')).toBe('••••');
    expect(maskLast4('')).toBe('');
    expect(maskLast4(12345678)).toBe('•••• 5678');
  });
});

describe('applyMask', () => {
  it('dispatches every strategy', () => {
    expect(applyMask('EMAIL', 'jane.doe@example.com')).toBe('j***@e***.com');
    expect(applyMask('PHONE', '07700900123')).toBe('•••• 0123');
    expect(applyMask('ADDRESS_TO_CITY', { city: 'Leeds', street: 'x' })).toEqual({ city: 'Leeds' });
    expect(applyMask('NAME_INITIAL', 'Jane Doe')).toBe('J. D.');
    expect(applyMask('LAST4', 'GB33BUKB20201555555555')).toBe('•••• 5555');
    expect(applyMask('REDACT', 'a private message')).toBe(REDACTED);
    expect(applyMask('NULL', 'anything')).toBeNull();
    expect(applyMask('NONE', 'published review')).toBe('published review');
  });
  it('keeps null as null for every strategy and never throws', () => {
    for (const strategy of MASK_STRATEGIES) {
      expect(applyMask(strategy, null)).toBeNull();
      expect(applyMask(strategy, undefined)).toBeNull();
      expect(() => applyMask(strategy, Symbol('odd'))).not.toThrow();
      expect(() => applyMask(strategy, { toString: () => { throw new Error('boom'); } })).not.toThrow();
    }
  });
  it('masks lists item by item, and NULL masks the whole list', () => {
    expect(applyMask('EMAIL', ['jane@example.com', null, 'bob@test.org'])).toEqual(['j***@e***.com', null, 'b***@t***.org']);
    expect(applyMask('NULL', ['a', 'b'])).toBeNull();
  });
});
