import { Schema, type Connection, type HydratedDocument, type Model } from 'mongoose';

/**
 * The life of one outbox message. Allowed moves:
 *   pending → sending   a worker claimed it (lease owner + expiry set, attempts + 1)
 *   sending → sent      the SMTP server accepted it
 *   sending → pending   the send failed and attempts remain (nextAttemptAt pushed back)
 *   sending → failed    the send failed on the last allowed attempt
 *   sending → sending   the lease expired (worker crashed) and a worker re-claimed it (new token)
 */
export const MAIL_STATUSES = [
  /** Waiting for its next attempt at `nextAttemptAt`. */
  'pending',
  /** Claimed by the worker named in `lease.owner` until `lease.expiresAt`; `lease.token` names the claim. */
  'sending',
  /** Accepted by the SMTP server at `sentAt`; final. */
  'sent',
  /** Gave up after the maximum number of attempts; final, `lastError` says why. */
  'failed',
] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

export interface MailMessage {
  template: string;
  /** Recipient address: personal data, never logged. */
  to: string;
  /** The rendered mail (subject, text, HTML); removed once the message is sent or has failed for good. */
  subject?: string;
  text?: string;
  html?: string;
  /** Extra headers the template set (`List-Unsubscribe`...), absent for most mails. */
  headers?: Record<string, string>;
  status: MailStatus;
  /** Makes enqueueing idempotent: one message per key, ever. */
  dedupeKey?: string;
  attempts: number;
  nextAttemptAt: Date;
  /** Present while a worker holds the message: who, a token unique to this claim, until when. */
  lease?: { owner: string; token: string; expiresAt: Date };
  /** Code of the last failure (`ECONNECTION`, `SMTP_550`...), never a message text. */
  lastError?: string;
  createdAt: Date;
  sentAt?: Date;
}

export type MailMessageDocument = HydratedDocument<MailMessage>;

export const MAIL_COLLECTION = 'mail_outbox';
const MODEL_NAME = 'MailMessage';

const mailMessageSchema = new Schema<MailMessage>(
  {
    template: { type: String, required: true },
    to: { type: String, required: true },
    subject: { type: String },
    text: { type: String },
    html: { type: String },
    headers: { type: Schema.Types.Mixed, default: undefined },
    status: { type: String, enum: MAIL_STATUSES, required: true, default: 'pending' },
    dedupeKey: { type: String },
    attempts: { type: Number, required: true, default: 0 },
    nextAttemptAt: { type: Date, required: true, default: () => new Date() },
    lease: {
      type: new Schema({ owner: String, token: String, expiresAt: Date }, { _id: false }),
      required: false,
    },
    lastError: { type: String },
    createdAt: { type: Date, required: true, default: () => new Date() },
    sentAt: { type: Date },
  },
  { collection: MAIL_COLLECTION, versionKey: false },
);

// One message per dedupe key; messages without a key are not constrained.
mailMessageSchema.index({ dedupeKey: 1 }, { unique: true, sparse: true });
// The worker's claim: due pending messages, and sending ones whose lease ran out.
mailMessageSchema.index({ status: 1, nextAttemptAt: 1 });
mailMessageSchema.index({ status: 1, 'lease.expiresAt': 1 });
// Settling a claim finds the message by its claim token.
mailMessageSchema.index({ 'lease.token': 1 }, { sparse: true });

/** The outbox model on a given connection (registered once per connection). */
export function mailOutbox(db: Connection): Model<MailMessage> {
  return (db.models[MODEL_NAME] as Model<MailMessage> | undefined) ?? db.model<MailMessage>(MODEL_NAME, mailMessageSchema);
}

const indexesReady = new WeakMap<Connection, Promise<unknown>>();

/** Creates the outbox indexes once per connection; the unique dedupe index must exist before the first insert. */
export function ensureOutboxIndexes(db: Connection): Promise<unknown> {
  let ready = indexesReady.get(db);
  if (!ready) {
    ready = mailOutbox(db).createIndexes();
    indexesReady.set(db, ready);
    ready.catch(() => indexesReady.delete(db));
  }
  return ready;
}
