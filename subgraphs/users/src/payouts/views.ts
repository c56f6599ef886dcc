import type { Identity } from '@leadgraph/identity';
import type { Payout, PayoutAccount } from '../__generated__/resolvers-types.ts';
import { formatSortCode } from './bank-account.ts';
import type { PayoutAccountRecord, PayoutRecord } from './model.ts';

/** The scope of a platform service running a data export (contract P1). */
const PERSONAL_EXPORT_SCOPE = 'personal:export';

/**
 * Who may see that a pro has payout details at all: the pro, an admin (masked without a stated
 * reason, by `@personal`), and a platform service exporting the pro's data. Nobody else, not even
 * an integrator whose key reads personal data (`personal:read`): bank details are not for partners.
 */
export function maySeePayouts(proId: string, identity: Identity): boolean {
  if (identity.userId !== null && identity.userId === proId) return true;
  if (identity.role === 'admin') return true;
  return identity.role === 'service' && identity.scopes.includes(PERSONAL_EXPORT_SCOPE);
}

/** A payout account as the API shows it (before masking by `@personal`). */
export function payoutAccountView(record: PayoutAccountRecord): PayoutAccount {
  return {
    proId: record.proId.toHexString(),
    kind: record.kind,
    holderName: record.holderName,
    iban: record.iban ?? null,
    sortCode: record.sortCode == null ? null : formatSortCode(record.sortCode),
    accountNumber: record.accountNumber ?? null,
    country: record.country,
    billingAddress: {
      line1: record.billingAddress.line1,
      line2: record.billingAddress.line2 ?? null,
      city: record.billingAddress.city,
      postalCode: record.billingAddress.postalCode,
      countryCode: record.billingAddress.countryCode,
    },
    updatedAt: record.updatedAt,
  };
}

/** A payout as the API shows it (before masking by `@personal`). */
export function payoutView(record: PayoutRecord): Payout {
  const proId = record.proId.toHexString();
  return {
    id: record._id.toHexString(),
    proId,
    amount: record.amount ?? null,
    currency: (record.currency as Payout['currency']) ?? null,
    paidOn: record.paidOn ?? null,
    account: {
      proId,
      kind: record.account.kind as PayoutAccount['kind'],
      country: record.account.country,
      holderName: record.account.holderName ?? null,
      accountLast4: record.account.last4 ?? null,
      accountFingerprint: record.account.fingerprint ?? null,
    },
    reference: record.reference ?? null,
    recordedAt: record.recordedAt,
    recordedBy: record.recordedBy,
    heldUntil: record.heldUntil ?? null,
  };
}
