/**
 * Checks of the bank details a pro enters, before anything is stored. Pure functions; the
 * answers name what is wrong, never echo the value.
 */

/**
 * IBAN length per country (SWIFT IBAN registry). A country missing here does not use IBANs:
 * refused, so a typo in the country letters is caught before the checksum.
 */
export const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BI: 27, BR: 29, BY: 28,
  CH: 21, CR: 22, CY: 28, CZ: 24, DE: 22, DJ: 27, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18,
  FK: 18, FO: 18, FR: 27, GB: 22, GE: 22, GI: 23, GL: 18, GR: 27, GT: 28, HR: 21, HU: 28, IE: 22,
  IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20, LU: 20,
  LV: 21, LY: 25, MC: 27, MD: 24, ME: 22, MK: 19, MN: 20, MR: 27, MT: 31, MU: 30, NI: 28, NL: 18,
  NO: 15, OM: 23, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, RU: 33, SA: 24, SC: 31,
  SD: 18, SE: 24, SI: 19, SK: 24, SM: 27, SO: 23, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26, UA: 29,
  VA: 22, VG: 24, XK: 20, YE: 30,
};

export type IbanProblem = 'FORMAT' | 'COUNTRY' | 'LENGTH' | 'CHECKSUM';

/** Upper case, spaces and dashes removed: how an IBAN is stored. */
export function normalizeIban(value: string): string {
  return value.replace(/[\s-]+/g, '').toUpperCase();
}

/** ISO 13616 mod-97: the IBAN with its first four characters moved to the end, letters as 10..35, is 1 mod 97. */
export function ibanChecksumValid(iban: string): boolean {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const code = char.charCodeAt(0);
    const digits = code >= 65 && code <= 90 ? String(code - 55) : char;
    for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

/** What is wrong with an IBAN (already normalised), or null when it is valid. */
export function ibanProblem(iban: string): IbanProblem | null {
  if (!/^[A-Z]{2}[0-9]{2}[A-Z0-9]+$/.test(iban)) return 'FORMAT';
  const length = IBAN_LENGTHS[iban.slice(0, 2)];
  if (length === undefined) return 'COUNTRY';
  if (iban.length !== length) return 'LENGTH';
  return ibanChecksumValid(iban) ? null : 'CHECKSUM';
}

/** `12-34-56`, `12 34 56` or `123456` → `123456`; anything else → null. Not all zeros. */
export function normalizeSortCode(value: string): string | null {
  const digits = value.trim().replace(/[\s-]/g, '');
  return /^[0-9]{6}$/.test(digits) && digits !== '000000' ? digits : null;
}

/** Exactly 8 digits (spaces allowed between), not all zeros → the digits; anything else → null. */
export function normalizeUkAccountNumber(value: string): string | null {
  const digits = value.trim().replace(/\s/g, '');
  return /^[0-9]{8}$/.test(digits) && digits !== '00000000' ? digits : null;
}

/** `123456` → `12-34-56`, as the API shows a sort code. */
export function formatSortCode(digits: string): string {
  return `${digits.slice(0, 2)}-${digits.slice(2, 4)}-${digits.slice(4, 6)}`;
}
