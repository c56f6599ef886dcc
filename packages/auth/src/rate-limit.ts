import { Schema, type Connection, type Model } from 'mongoose';
import type { Logger } from '@leadgraph/logging';
import type { LimitKey, LimitPolicy } from './rate-limit-keys.ts';

/** Whether an attempt may go ahead, and if not, after how many seconds to try again. */
export interface RateDecision {
  allowed: boolean;
  /** 0 when allowed. */
  retryAfterSeconds: number;
}

/** One limited key's state. `_id` is the key: a pseudonym, never an email or address in clear. */
export interface RateLimitRecord {
  _id: string;
  /** Attempts counted in the current window. */
  attempts: number;
  /** The window ends (and the count is forgotten) at this time unless another attempt comes. */
  windowEndsAt: Date;
  /** No attempt is allowed before this time. */
  blockedUntil?: Date;
  /** For the TTL index: the later of the two above. */
  expiresAt: Date;
}

export const RATE_LIMITS_COLLECTION = 'rate_limits';
const MODEL_NAME = 'AuthRateLimit';

const rateLimitSchema = new Schema<RateLimitRecord>(
  {
    _id: { type: String, required: true },
    attempts: { type: Number, required: true },
    windowEndsAt: { type: Date, required: true },
    blockedUntil: { type: Date },
    expiresAt: { type: Date, required: true },
  },
  { collection: RATE_LIMITS_COLLECTION, versionKey: false },
);
rateLimitSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

/** The rate-limit model on a connection (registered once per connection). */
export function rateLimitModel(db: Connection): Model<RateLimitRecord> {
  return (db.models[MODEL_NAME] as Model<RateLimitRecord> | undefined) ?? db.model<RateLimitRecord>(MODEL_NAME, rateLimitSchema);
}

const ALLOWED: RateDecision = Object.freeze({ allowed: true, retryAfterSeconds: 0 });

function refused(until: Date, now: Date): RateDecision {
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000)) };
}

function combine(decisions: RateDecision[]): RateDecision {
  const refusals = decisions.filter((d) => !d.allowed);
  if (refusals.length === 0) return ALLOWED;
  return { allowed: false, retryAfterSeconds: Math.max(...refusals.map((d) => d.retryAfterSeconds)) };
}

function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}

/** Delay after the `attempts`-th attempt: none before `maxAttempts`, then base × 2^(attempts − max), capped. */
export function backoffDelayMs(attempts: number, policy: LimitPolicy): number {
  if (attempts < policy.maxAttempts) return 0;
  const exponent = Math.min(attempts - policy.maxAttempts, 30);
  return Math.min(policy.baseDelayMs * 2 ** exponent, policy.maxDelayMs);
}

/** `login:acct:` plus the first 12 hex digits of the pseudonym: enough to correlate log lines. */
function shortKey(key: string): string {
  const cut = key.lastIndexOf(':');
  return `${key.slice(0, cut + 1)}${key.slice(cut + 1, cut + 13)}`;
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;

/**
 * A rate limiter whose state lives in MongoDB, so every instance of a service sees the same
 * counts. Counting is one atomic `$inc` per key; concurrent attempts on several instances
 * each get their own count, so a burst cannot slip more than `maxAttempts` through.
 *
 * Use: `attempt(keys)` before the work (it counts the attempt and refuses while blocked or
 * beyond the limit), then `succeeded(keys)` when the credentials were right.
 */
export function createRateLimiter(db: Connection, options: { logger?: Logger } = {}) {
  const limits = rateLimitModel(db);

  function blockedDecision(record: RateLimitRecord | null, now: Date): RateDecision {
    if (record?.blockedUntil !== undefined && record.blockedUntil > now) return refused(record.blockedUntil, now);
    return ALLOWED;
  }

  /** Adds one attempt to `key` in its current window, or starts a new window; returns the count. */
  async function count(key: LimitKey, now: Date): Promise<number> {
    const windowEndsAt = new Date(now.getTime() + key.policy.windowMs);
    for (let tries = 0; tries < 5; tries += 1) {
      const current = await limits
        .findOneAndUpdate(
          { _id: key.key, windowEndsAt: { $gt: now } },
          { $inc: { attempts: 1 }, $max: { windowEndsAt, expiresAt: windowEndsAt } },
          { returnDocument: 'after' },
        )
        .lean<RateLimitRecord>();
      if (current !== null) return current.attempts;
      try {
        const fresh = await limits
          .findOneAndUpdate(
            { _id: key.key, windowEndsAt: { $lte: now } },
            { $set: { attempts: 1, windowEndsAt, expiresAt: windowEndsAt }, $unset: { blockedUntil: 1 } },
            { upsert: true, returnDocument: 'after' },
          )
          .lean<RateLimitRecord>();
        if (fresh !== null) return fresh.attempts;
      } catch (error) {
        // Another instance created the window between our two steps: count in it.
        if (!isDuplicateKey(error)) throw error;
      }
    }
    throw new Error('rate limiter: could not count an attempt');
  }

  async function read(keys: LimitKey[]): Promise<Map<string, RateLimitRecord>> {
    const records = await limits.find({ _id: { $in: keys.map((k) => k.key) } }).lean<RateLimitRecord[]>();
    return new Map(records.map((r) => [r._id, r]));
  }

  return {
    /** The decision for `keys` now, without counting anything. */
    async peek(keys: LimitKey[], now: Date = new Date()): Promise<RateDecision> {
      const records = await read(keys);
      return combine(keys.map((k) => blockedDecision(records.get(k.key) ?? null, now)));
    },

    /**
     * Counts one attempt against every key and says whether it may go ahead. While any key is
     * blocked nothing is counted and the answer is no. The attempt that reaches a key's
     * `maxAttempts` may go ahead but starts a block (base delay); each later attempt beyond it
     * doubles the delay, up to the policy's maximum.
     */
    async attempt(keys: LimitKey[], now: Date = new Date()): Promise<RateDecision> {
      const records = await read(keys);
      const blocked = combine(keys.map((k) => blockedDecision(records.get(k.key) ?? null, now)));
      if (!blocked.allowed) return blocked;
      const decisions: RateDecision[] = [];
      for (const key of keys) {
        const attempts = await count(key, now);
        const delay = backoffDelayMs(attempts, key.policy);
        if (delay === 0) {
          decisions.push(ALLOWED);
          continue;
        }
        const blockedUntil = new Date(now.getTime() + delay);
        const forgetAt = new Date(blockedUntil.getTime() + key.policy.windowMs);
        await limits.updateOne({ _id: key.key }, { $max: { blockedUntil, windowEndsAt: forgetAt, expiresAt: forgetAt } });
        options.logger?.warn(
          { event: 'rate_limit.blocked', key: shortKey(key.key), attempts, retryAfterSeconds: Math.ceil(delay / 1000) },
          'attempts limited',
        );
        decisions.push(attempts > key.policy.maxAttempts ? refused(blockedUntil, now) : ALLOWED);
      }
      return combine(decisions);
    },

    /** The attempt succeeded: `clear` keys are forgotten, `forgive` keys get this attempt back, `keep` keys stay. */
    async succeeded(keys: LimitKey[]): Promise<void> {
      const clear = keys.filter((k) => k.onSuccess === 'clear').map((k) => k.key);
      const forgive = keys.filter((k) => k.onSuccess === 'forgive').map((k) => k.key);
      if (clear.length > 0) await limits.deleteMany({ _id: { $in: clear } });
      if (forgive.length > 0) await limits.updateMany({ _id: { $in: forgive }, attempts: { $gt: 0 } }, { $inc: { attempts: -1 } });
    },

    /** Forgets `keys` entirely (an admin unblocking an account, a test). */
    async reset(keys: LimitKey[]): Promise<void> {
      await limits.deleteMany({ _id: { $in: keys.map((k) => k.key) } });
    },
  };
}
