import { describe, expect, it } from 'vitest';
import { formatSortCode, IBAN_LENGTHS, ibanProblem, normalizeIban, normalizeSortCode, normalizeUkAccountNumber } from './bank-account.ts';

describe('ibanProblem', () => {
  it.each(['GB82 WEST 1234 5698 7654 32', 'DE89370400440532013000', 'fr14 2004 1010 0505 0001 3M02 606', 'NL91ABNA0417164300', 'NO9386011117947', 'BE68539007547034'])(
    'accepts the valid IBAN %s',
    (iban) => expect(ibanProblem(normalizeIban(iban))).toBeNull(),
  );

  it.each([
    ['GB82WEST12345698765431', 'CHECKSUM'],
    ['GB83WEST12345698765432', 'CHECKSUM'],
    ['DE8937040044053201300', 'LENGTH'],
    ['DE893704004405320130000', 'LENGTH'],
    ['US12345678901234567890', 'COUNTRY'],
    ['XX82WEST12345698765432', 'COUNTRY'],
    ['GBXXWEST12345698765432', 'FORMAT'],
    ['GB82WEST1234569876543!', 'FORMAT'],
    ['', 'FORMAT'],
  ])('refuses %s (%s)', (iban, problem) => expect(ibanProblem(normalizeIban(iban))).toBe(problem));

  it('knows the common SEPA lengths', () => {
    expect([IBAN_LENGTHS.GB, IBAN_LENGTHS.DE, IBAN_LENGTHS.FR, IBAN_LENGTHS.NL, IBAN_LENGTHS.NO, IBAN_LENGTHS.MT]).toEqual([22, 22, 27, 18, 15, 31]);
  });
});

describe('UK sort code and account number', () => {
  it('normalises well-formed values', () => {
    expect(normalizeSortCode('12-34-56')).toBe('123456');
    expect(normalizeSortCode(' 12 34 56 ')).toBe('123456');
    expect(formatSortCode('123456')).toBe('12-34-56');
    expect(normalizeUkAccountNumber('1234 5678')).toBe('12345678');
  });

  it.each(['12345', '1234567', '12-34-5X', '00-00-00', ''])('refuses the sort code %j', (value) => expect(normalizeSortCode(value)).toBeNull());
  it.each(['1234567', '123456789', '1234567X', '00000000', ''])('refuses the account number %j', (value) => expect(normalizeUkAccountNumber(value)).toBeNull());
});
