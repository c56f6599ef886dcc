import { randomBytes } from 'node:crypto';
import { Schema, type Connection, type Model } from 'mongoose';
import type { Logger } from '@leadgraph/logging';
import { sha256Hex } from './hash.ts';

/** What a one-time token lets its holder do, once. */
export const TOKEN_PURPOSES = ['verify-email', 'reset-password', 'change-email', 'privacy-code'] as const;
export type TokenPurpose = (typeof TOKEN_PURPOSES)[number];

const HOUR_MS = 60 * 60 * 1000;

/**
 * How long each kind of token lives: a reset one hour, an address confirmation a day, a
 * privacy request code (a short code mailed to someone who cannot sign in) 15 minutes.
 */
export const TOKEN_LIFETIMES_MS: Readonly<Record<TokenPurpose, number>> = Object.freeze({
  'reset-password': HOUR_MS,
  'verify-email': 24 * HOUR_MS,
  'change-email': 24 * HOUR_MS,
  'privacy-code': 15 * 60 * 1000,
});

/** One issued token. `_id` is the SHA-256 of the token; the token itself is only ever in the email. */
export interface TokenRecord {
  _id: string;
  userId: string;
  purpose: TokenPurpose;
  expiresAt: Date;
  /** Set once, atomically, by the one `consumeToken` that wins. */
  usedAt: Date | null;
  createdAt: Date;
}

export const TOKENS_COLLECTION = 'auth_tokens';
const MODEL_NAME = 'AuthToken';

const tokenSchema = new Schema<TokenRecord>(
  {
    _id: { type: String, required: true },
    userId: { type: String, required: true },
    purpose: { type: String, enum: TOKEN_PURPOSES, required: true },
    expiresAt: { type: Date, required: true },
    usedAt: { type: Date, default: null },
    createdAt: { type: Date, required: true, default: () => new Date() },
  },
  { collection: TOKENS_COLLECTION, versionKey: false },
);
// Issuing supersedes the user's other tokens of the same purpose.
tokenSchema.index({ userId: 1, purpose: 1 });
// Expired tokens (used or not) are removed by MongoDB's TTL monitor.
tokenSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

/** The tokens model on a connection (registered once per connection). */
export function tokenModel(db: Connection): Model<TokenRecord> {
  return (db.models[MODEL_NAME] as Model<TokenRecord> | undefined) ?? db.model<TokenRecord>(MODEL_NAME, tokenSchema);
}

/** 32 random bytes in base64url: 43 characters. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export interface IssuedToken {
  /** Put this in the link; it is not stored anywhere and cannot be recovered. */
  token: string;
  expiresAt: Date;
}

/**
 * Issues a one-time token for `userId` and `purpose`, and deletes that user's other unused
 * tokens of the same purpose, so only the newest link works. The new token is inserted before
 * the older ones are deleted: two requests racing can leave none valid, never two.
 */
export async function issueToken(
  db: Connection,
  input: { userId: string; purpose: TokenPurpose; now?: Date; lifetimeMs?: number; logger?: Logger },
): Promise<IssuedToken> {
  const now = input.now ?? new Date();
  const token = randomBytes(32).toString('base64url');
  const hash = sha256Hex(token);
  const expiresAt = new Date(now.getTime() + (input.lifetimeMs ?? TOKEN_LIFETIMES_MS[input.purpose]));
  const tokens = tokenModel(db);
  await tokens.create({ _id: hash, userId: input.userId, purpose: input.purpose, expiresAt, usedAt: null, createdAt: now });
  const superseded = await tokens.deleteMany({ userId: input.userId, purpose: input.purpose, usedAt: null, _id: { $ne: hash } });
  input.logger?.info({ event: 'token.issued', userId: input.userId, purpose: input.purpose, superseded: superseded.deletedCount }, 'one-time token issued');
  return { token, expiresAt };
}

/** The outcome of `consumeToken`: who it was for, or one generic failure for every reason. */
export type ConsumeResult = { ok: true; userId: string } | { ok: false; code: 'TOKEN_INVALID' };

const INVALID: ConsumeResult = Object.freeze({ ok: false, code: 'TOKEN_INVALID' });

/**
 * Uses `token` for `purpose`: one atomic `findOneAndUpdate` matching its hash, the purpose,
 * unused and unexpired, that sets `usedAt`. Of any number of concurrent calls exactly one
 * succeeds. Malformed, unknown, used, expired, superseded and wrong-purpose tokens all give
 * the same `TOKEN_INVALID`, so the answer reveals nothing about which it was.
 */
export async function consumeToken(
  db: Connection,
  input: { token: string; purpose: TokenPurpose; now?: Date; logger?: Logger },
): Promise<ConsumeResult> {
  const { token, purpose, logger } = input;
  const now = input.now ?? new Date();
  if (typeof token !== 'string' || !TOKEN_SHAPE.test(token)) {
    logger?.info({ event: 'token.rejected', purpose, reason: 'malformed' }, 'one-time token refused');
    return INVALID;
  }
  const record = await tokenModel(db)
    .findOneAndUpdate(
      { _id: sha256Hex(token), purpose, usedAt: null, expiresAt: { $gt: now } },
      { $set: { usedAt: now } },
      { returnDocument: 'after' },
    )
    .lean<TokenRecord>();
  if (record === null) {
    logger?.info({ event: 'token.rejected', purpose }, 'one-time token refused');
    return INVALID;
  }
  logger?.info({ event: 'token.consumed', userId: record.userId, purpose }, 'one-time token used');
  return { ok: true, userId: record.userId };
}

/**
 * Who `token` is for if it would be accepted for `purpose` now, without using it (to show a
 * reset form, or to check the new password against the policy first); null otherwise.
 * `consumeToken` must still be the step that acts.
 */
export async function peekToken(db: Connection, input: { token: string; purpose: TokenPurpose; now?: Date }): Promise<{ userId: string } | null> {
  const { token, purpose } = input;
  const now = input.now ?? new Date();
  if (typeof token !== 'string' || !TOKEN_SHAPE.test(token)) return null;
  const record = await tokenModel(db).findOne({ _id: sha256Hex(token), purpose, usedAt: null, expiresAt: { $gt: now } }).lean<TokenRecord>();
  return record === null ? null : { userId: record.userId };
}

/** Deletes every unused token of the user (all purposes, or one): e.g. when the account is erased or its email changes. */
export async function revokeUserTokens(db: Connection, userId: string, purpose?: TokenPurpose): Promise<number> {
  const result = await tokenModel(db).deleteMany(purpose === undefined ? { userId, usedAt: null } : { userId, purpose, usedAt: null });
  return result.deletedCount;
}
