/**
 * A per-key request budget, in memory: a token bucket per key id holding `burst` requests and
 * refilled at `perMinute`. Per gateway instance (N replicas allow N times the rate): cheap, no
 * database write per request, and enough to stop one runaway integration from starving the
 * others. Buckets of keys idle for a while are dropped, so memory follows the active keys.
 */
export interface ApiKeyRateLimit {
  /** Sustained requests per minute per key; default 600. */
  perMinute: number;
  /** Requests a key may send at once after being idle; default 100. */
  burst: number;
}

export const DEFAULT_API_KEY_RATE_LIMIT: Readonly<ApiKeyRateLimit> = Object.freeze({ perMinute: 600, burst: 100 });

interface Bucket {
  tokens: number;
  at: number;
}

const IDLE_MS = 10 * 60_000;

export function createApiKeyRateLimiter(limit: ApiKeyRateLimit = DEFAULT_API_KEY_RATE_LIMIT) {
  const buckets = new Map<string, Bucket>();
  const perMs = limit.perMinute / 60_000;
  let lastSweep = 0;

  function sweep(now: number): void {
    if (now - lastSweep < IDLE_MS) return;
    lastSweep = now;
    for (const [key, bucket] of buckets) if (now - bucket.at > IDLE_MS) buckets.delete(key);
  }

  return {
    /** Takes one request from the key's budget: 0 when allowed, else seconds to wait. */
    take(keyId: string, now: number = Date.now()): number {
      sweep(now);
      const bucket = buckets.get(keyId) ?? { tokens: limit.burst, at: now };
      bucket.tokens = Math.min(limit.burst, bucket.tokens + (now - bucket.at) * perMs);
      bucket.at = now;
      buckets.set(keyId, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000));
    },
  };
}

export type ApiKeyRateLimiter = ReturnType<typeof createApiKeyRateLimiter>;
