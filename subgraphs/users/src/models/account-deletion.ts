import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';

/**
 * The hand-off to the privacy issue: one record per closed account, written by
 * `deleteMyAccount`. The privacy service picks up `pending` records, runs the erasure across
 * subgraphs and marks them `done`. Holds the user id only, no personal data.
 */
export const ACCOUNT_DELETION_STATUSES = [
  /** Recorded by the users subgraph; the erasure has not run yet. */
  'pending',
  /** The privacy service erased the account's data everywhere. */
  'done',
] as const;

export const accountDeletionSchema = new Schema(
  {
    userId: { type: String, required: true, unique: true },
    requestedAt: { type: Date, required: true },
    status: { type: String, required: true, enum: ACCOUNT_DELETION_STATUSES, default: 'pending' },
  },
  { collection: 'account_deletions' },
);

export type AccountDeletionModel = Model<InferSchemaType<typeof accountDeletionSchema>>;

/** The `account_deletions` model on the users database. */
export function accountDeletionModel(connection: Connection): AccountDeletionModel {
  return (connection.models.AccountDeletion as AccountDeletionModel | undefined) ?? (connection.model('AccountDeletion', accountDeletionSchema) as unknown as AccountDeletionModel);
}
