import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';
import { declarePersonalStorage } from '@leadgraph/privacy-kit';

/** `PayoutAccountKind`, stored as the GraphQL names. */
export const PAYOUT_ACCOUNT_KINDS = ['IBAN', 'UK_SORT_CODE'] as const;
export type PayoutAccountKind = (typeof PAYOUT_ACCOUNT_KINDS)[number];

/** `Currency` (schema/users.graphql, copied from the leads subgraph), stored as written there. */
export const CURRENCIES = ['GBP', 'EUR', 'USD', 'CHF', 'SEK', 'DKK', 'NOK', 'PLN', 'CZK'] as const;
export type Currency = (typeof CURRENCIES)[number];

const billingAddressSchema = new Schema(
  {
    line1: { type: String, required: true },
    line2: { type: String, default: null },
    city: { type: String, required: true },
    postalCode: { type: String, required: true },
    countryCode: { type: String, required: true },
  },
  { _id: false },
);

/**
 * Where a pro is paid: one document per pro (replaced by `setMyPayoutAccount`), in its own
 * collection so that reading an account (`users`) never loads bank details. Either `iban`, or
 * `sortCode` + `accountNumber`, by `kind`.
 */
export const payoutAccountSchema = new Schema(
  {
    proId: { type: Schema.Types.ObjectId, required: true },
    kind: { type: String, required: true, enum: PAYOUT_ACCOUNT_KINDS },
    holderName: { type: String, required: true },
    iban: { type: String, default: null },
    sortCode: { type: String, default: null },
    accountNumber: { type: String, default: null },
    /** The IBAN's country, `GB` for a sort code. */
    country: { type: String, required: true },
    billingAddress: { type: billingAddressSchema, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'payout_accounts', versionKey: false },
);
payoutAccountSchema.index({ proId: 1 }, { unique: true });
declarePersonalStorage(payoutAccountSchema, {
  // The pro's alone: an erasure deletes the whole document (every personal path is DELETE).
  subjects: { proId: ['holderName', 'iban', 'sortCode', 'accountNumber', 'billingAddress'] },
  paths: {
    holderName: 'PayoutAccount.holderName',
    iban: 'PayoutAccount.iban',
    sortCode: 'PayoutAccount.sortCode',
    accountNumber: 'PayoutAccount.accountNumber',
    billingAddress: 'PayoutAccount.billingAddress',
  },
});

const accountSnapshotSchema = new Schema(
  {
    kind: { type: String, required: true, enum: PAYOUT_ACCOUNT_KINDS },
    country: { type: String, required: true },
    holderName: { type: String, default: null },
    /** The last 4 characters of the IBAN or account number. */
    last4: { type: String, default: null },
    /** HMAC-SHA-256 (hex) of the full identifier (`fingerprint.ts`). */
    fingerprint: { type: String, default: null },
  },
  { _id: false },
);

/**
 * A payout an admin recorded, with the account as it was. Bookkeeping: an erasure keeps
 * `amount`, `currency`, `paidOn` and the snapshot (LEGAL_HOLD, P6Y, with `heldUntil` set by the
 * erasure) and deletes `reference` (schema/users.graphql, `Payout`).
 */
export const payoutSchema = new Schema(
  {
    proId: { type: Schema.Types.ObjectId, required: true },
    amount: { type: Number, default: null },
    currency: { type: String, enum: [...CURRENCIES, null], default: null },
    /** `YYYY-MM-DD`. */
    paidOn: { type: String, default: null },
    account: { type: accountSnapshotSchema, required: true },
    reference: { type: String, default: null },
    recordedAt: { type: Date, required: true },
    /** The admin's user id. */
    recordedBy: { type: String, required: true },
    /** Set by an erasure: when the held values go. */
    heldUntil: { type: Date, default: null },
  },
  { collection: 'payouts', versionKey: false },
);
// A pro's payouts, newest first (the `payouts` connection pages on _id).
payoutSchema.index({ proId: 1, _id: -1 });
declarePersonalStorage(payoutSchema, {
  // The pro's: an erasure deletes `reference` and keeps the held bookkeeping paths until `heldUntil`.
  subjects: { proId: ['amount', 'currency', 'paidOn', 'reference', 'account.holderName', 'account.last4', 'account.fingerprint'] },
  paths: {
    amount: 'Payout.amount',
    currency: 'Payout.currency',
    paidOn: 'Payout.paidOn',
    reference: 'Payout.reference',
    'account.holderName': 'PayoutAccountSnapshot.holderName',
    'account.last4': 'PayoutAccountSnapshot.accountLast4',
    'account.fingerprint': 'PayoutAccountSnapshot.accountFingerprint',
  },
});

export type PayoutAccountRecord = InferSchemaType<typeof payoutAccountSchema> & { _id: Types.ObjectId; kind: PayoutAccountKind };
export type PayoutAccountModel = Model<InferSchemaType<typeof payoutAccountSchema>>;
export type PayoutRecord = InferSchemaType<typeof payoutSchema> & { _id: Types.ObjectId };
export type PayoutModel = Model<InferSchemaType<typeof payoutSchema>>;

export function payoutAccountModel(connection: Connection): PayoutAccountModel {
  return (connection.models.PayoutAccount as PayoutAccountModel | undefined) ?? (connection.model('PayoutAccount', payoutAccountSchema) as unknown as PayoutAccountModel);
}

export function payoutModel(connection: Connection): PayoutModel {
  return (connection.models.Payout as PayoutModel | undefined) ?? (connection.model('Payout', payoutSchema) as unknown as PayoutModel);
}
