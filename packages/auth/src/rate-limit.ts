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

/** How often `attempt` re-reads a key after losing a race with another attempt on it. */
const MAX_RACES = 25;

/**
 * A rate limiter whose state lives in MongoDB, so every instance of a service sees the same
 * counts. Each attempt is a compare-and-set on the key's record (`findOneAndUpdate` matching
 * the count and window it read, `$set` the next ones), so concurrent attempts on any number of
 * instances are counted one by one: a burst gets exactly `maxAttempts` through, and after
 * each block exactly one more.
 *
 * Use: `attempt(keys)` before the work (it counts the attempt, or refuses while blocked),
 * then `succeeded(keys)` when the credentials were right.
 */
export function createRateLimiter(db: Connection, options: { logger?: Logger } = {}) {
  const limits = rateLimitModel(db);

  function blockedDecision(record: RateLimitRecord | null, now: Date): RateDecision {
    if (record?.blockedUntil !== undefined && record.blockedUntil > now) return refused(record.blockedUntil, now);
    return ALLOWED;
  }

  /** Writes the next state if nobody changed the record since `record` was read; false when someone did. */
  async function advance(key: LimitKey, record: RateLimitRecord | null, next: RateLimitRecord): Promise<boolean> {
    try {
      if (record === null) {
        await limits.create(next);
        return true;
      }
      const { _id, blockedUntil, ...fields } = next;
      const update = blockedUntil === undefined ? { $set: fields, $unset: { blockedUntil: 1 } } : { $set: { ...fields, blockedUntil } };
      const won = await limits.findOneAndUpdate({ _id: key.key, attempts: record.attempts, windowEndsAt: record.windowEndsAt }, update).lean();
      return won !== null;
    } catch (error) {
      if (isDuplicateKey(error)) return false; // another instance created the record first
      throw error;
    }
  }

  /** Counts one attempt on `key` unless it is blocked. */
  async function take(key: LimitKey, now: Date): Promise<RateDecision> {
    for (let race = 0; race < MAX_RACES; race += 1) {
      const record = await limits.findById(key.key).lean<RateLimitRecord>();
      const blocked = blockedDecision(record, now);
      if (!blocked.allowed) return blocked;
      const attempts = record !== null && record.windowEndsAt > now ? record.attempts + 1 : 1;
      const delay = backoffDelayMs(attempts, key.policy);
      const blockedUntil = delay > 0 ? new Date(now.getTime() + delay) : undefined;
      const forgetAt = new Date((blockedUntil ?? now).getTime() + key.policy.windowMs);
      const next: RateLimitRecord = { _id: key.key, attempts, windowEndsAt: forgetAt, expiresAt: forgetAt, ...(blockedUntil && { blockedUntil }) };
      if (await advance(key, record, next)) {
        if (blockedUntil !== undefined) {
          options.logger?.warn({ event: 'rate_limit.blocked', key: shortKey(key.key), attempts, retryAfterSeconds: Math.ceil(delay / 1000) }, 'attempts limited');
        }
        return ALLOWED;
      }
    }
    // Lost every race: the key is under heavy concurrent use, which is itself a reason to wait.
    return { allowed: false, retryAfterSeconds: 1 };
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
     * `maxAttempts` goes ahead and starts a block of the base delay; after the block, the next
     * attempt goes ahead and starts a block twice as long, up to the policy's maximum. The
     * count is forgotten `windowMs` after the last attempt (or after the block ends).
     */
    async attempt(keys: LimitKey[], now: Date = new Date()): Promise<RateDecision> {
      const records = await read(keys);
      const blocked = combine(keys.map((k) => blockedDecision(records.get(k.key) ?? null, now)));
      if (!blocked.allowed) return blocked;
      const decisions: RateDecision[] = [];
      for (const key of keys) decisions.push(await take(key, now));
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
