import { describe, expect, it } from 'vitest';
import { ISO_COUNTRY_CODES } from './countries.ts';

describe('ISO_COUNTRY_CODES', () => {
  it('holds the 249 assigned alpha-2 codes, upper case', () => {
    expect(ISO_COUNTRY_CODES.size).toBe(249);
    for (const code of ISO_COUNTRY_CODES) expect(code).toMatch(/^[A-Z]{2}$/);
    for (const code of ['GB', 'FR', 'DE', 'NL', 'ES', 'ZA']) expect(ISO_COUNTRY_CODES.has(code)).toBe(true);
    for (const code of ['UK', 'EU', 'XK', 'gb']) expect(ISO_COUNTRY_CODES.has(code)).toBe(false);
  });
});
