import { createHmac } from 'node:crypto';
import type { PayoutAccountKind } from './model.ts';

/**
 * A keyed hash (HMAC-SHA-256, hex) of a full account identifier: two payouts to the same account
 * have the same fingerprint, yet the number cannot be recovered from it, nor guessed by hashing
 * candidates without the key (a plain hash of an 8-digit account number would be).
 */
export function accountFingerprint(key: Buffer, account: { kind: PayoutAccountKind; iban?: string | null; sortCode?: string | null; accountNumber?: string | null }): string {
  const identifier = account.kind === 'IBAN' ? (account.iban ?? '') : `${account.sortCode ?? ''}${account.accountNumber ?? ''}`;
  return createHmac('sha256', key).update(`${account.kind}:${identifier}`).digest('hex');
}

/** The last 4 characters of the IBAN or account number: what mails and payout records show. */
export function accountLast4(account: { kind: PayoutAccountKind; iban?: string | null; accountNumber?: string | null }): string {
  const identifier = account.kind === 'IBAN' ? (account.iban ?? '') : (account.accountNumber ?? '');
  return identifier.slice(-4);
}
