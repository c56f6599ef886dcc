export interface BackoffOptions {
  /** Delay after the first failed attempt. */
  baseMs: number;
  /** The delay never grows past this. */
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 5_000, maxMs: 60 * 60_000 };

/**
 * Delay before the next try after `attempt` failed attempts (1-based): base, 2×base,
 * 4×base... capped at `maxMs`. Deterministic, so retries are predictable and testable;
 * claims are atomic, so several workers retrying at once do not double-send.
 */
export function backoffDelay(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF): number {
  if (!Number.isInteger(attempt) || attempt < 1) throw new RangeError('attempt must be an integer >= 1');
  const exponent = Math.min(attempt - 1, 40);
  return Math.min(options.maxMs, options.baseMs * 2 ** exponent);
}
