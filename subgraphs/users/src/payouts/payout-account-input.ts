import { z } from 'zod';
import { UsersError, UsersErrorCode } from '../errors.ts';
import { ISO_COUNTRY_CODES } from '../services/countries.ts';
import { ibanProblem, normalizeIban, normalizeSortCode, normalizeUkAccountNumber, type IbanProblem } from './bank-account.ts';
import type { PayoutAccountKind } from './model.ts';

const text = (min: number, max: number) => z.string().trim().min(min).max(max);

export const payoutAccountInput = z.object({
  holderName: text(1, 70),
  iban: z.string().max(64).nullish(),
  sortCode: z.string().max(16).nullish(),
  accountNumber: z.string().max(16).nullish(),
  billingAddress: z.object({
    line1: text(1, 200),
    line2: z.string().trim().max(200).nullish(),
    city: text(1, 100),
    postalCode: text(1, 20),
    countryCode: z
      .string()
      .trim()
      .transform((code) => code.toUpperCase())
      .refine((code) => ISO_COUNTRY_CODES.has(code)),
  }),
});

/** A payout account as stored: exactly one of the IBAN and the UK pair is set. */
export interface ParsedPayoutAccount {
  kind: PayoutAccountKind;
  holderName: string;
  iban: string | null;
  sortCode: string | null;
  accountNumber: string | null;
  country: string;
  billingAddress: { line1: string; line2: string | null; city: string; postalCode: string; countryCode: string };
}

const IBAN_MESSAGES: Record<IbanProblem, string> = {
  FORMAT: 'Invalid IBAN: two letters, two check digits, then letters and digits',
  COUNTRY: 'Invalid IBAN: this country does not use IBANs',
  LENGTH: "Invalid IBAN: wrong length for its country",
  CHECKSUM: 'Invalid IBAN: the check digits do not match',
};

function bad(field: string, message: string): UsersError {
  return new UsersError(UsersErrorCode.InvalidBankAccount, message, field);
}

const given = (value: string | null | undefined): value is string => value != null && value.trim() !== '';

/**
 * Checks a payout account as entered. Every problem is `BAD_USER_INPUT` with `field` naming
 * the input (`input.iban`, `input.sortCode`, `input.billingAddress.city`...); messages never
 * quote the value.
 */
export function parsePayoutAccount(input: unknown): ParsedPayoutAccount {
  const result = payoutAccountInput.safeParse(input);
  if (!result.success) {
    const fields = [...new Set(result.error.issues.map((issue) => ['input', ...issue.path].join('.')))];
    throw new UsersError(UsersErrorCode.InvalidInput, `Invalid value for: ${fields.join(', ')}`, fields[0]);
  }
  const { holderName, iban, sortCode, accountNumber, billingAddress } = result.data;
  const address = { ...billingAddress, line2: given(billingAddress.line2) ? billingAddress.line2 : null };
  const uk = given(sortCode) || given(accountNumber);
  if (given(iban) && uk) throw bad('input.iban', 'Give an IBAN or a sort code and account number, not both');
  if (given(iban)) {
    const normalized = normalizeIban(iban);
    const problem = ibanProblem(normalized);
    if (problem !== null) throw bad('input.iban', IBAN_MESSAGES[problem]);
    return { kind: 'IBAN', holderName, iban: normalized, sortCode: null, accountNumber: null, country: normalized.slice(0, 2), billingAddress: address };
  }
  if (!uk) throw bad('input.iban', 'Give an IBAN, or a UK sort code and account number');
  const code = normalizeSortCode(sortCode ?? '');
  if (code === null) throw bad('input.sortCode', 'Invalid sort code: 6 digits');
  const number = normalizeUkAccountNumber(accountNumber ?? '');
  if (number === null) throw bad('input.accountNumber', 'Invalid account number: 8 digits');
  return { kind: 'UK_SORT_CODE', holderName, iban: null, sortCode: code, accountNumber: number, country: 'GB', billingAddress: address };
}
