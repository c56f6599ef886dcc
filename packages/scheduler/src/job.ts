import type { Logger } from '@leadgraph/logging';

/** What a handler gets for one run. */
export interface JobContext {
  /** The scheduler clock's time when the run started. */
  startedAt: Date;
  /** The run's id in `scheduler_runs`. */
  runId: string;
  /**
   * Aborted when the scheduler stops or this run's lease was lost (another instance took the
   * job over). Handlers that work in batches check it between batches and return what they did.
   */
  signal: AbortSignal;
  /** The scheduler clock: handlers compare ages against it (`now() - retention`), never Date.now(). */
  now(): Date;
  /** A child logger naming the job and the run. Ids, counts and codes only. */
  logger: Logger;
}

/**
 * What a handler reports: how many documents it removed (or anonymized...), per kind. Counts
 * only, never values: the run record is kept for audits and must not hold personal data.
 */
export interface JobResult {
  removed?: Record<string, number>;
}

export interface JobDefinition {
  /** Unique per database: lower-case letters, digits, `.`, `-`, `_`, `:` (e.g. `retention.sessions`). */
  name: string;
  /** One sentence for the admin view: what the job does and why. */
  description?: string;
  /** Fixed interval between scheduled runs, in ms (at least 1). */
  intervalMs: number;
  /**
   * After a failed run, retry this soon instead of waiting for the next slot (when that is
   * earlier). Default: no earlier retry.
   */
  retryDelayMs?: number;
  /** How long one claim holds the job before another instance may take it over; default the scheduler's. */
  leaseMs?: number;
  handler: (context: JobContext) => Promise<JobResult | void>;
}

const JOB_NAME = /^[a-z0-9][a-z0-9._:-]{0,99}$/;
const COUNT_KEY = /^[A-Za-z0-9_.:-]{1,64}$/;
const ERROR_CODE = /^[A-Za-z0-9_.:-]{1,64}$/;

/** Throws a TypeError naming the first problem of a job definition. */
export function assertValidJob(job: JobDefinition): void {
  if (!JOB_NAME.test(job.name)) throw new TypeError(`Invalid job name "${job.name}"`);
  if (!Number.isSafeInteger(job.intervalMs) || job.intervalMs < 1) {
    throw new TypeError(`Job ${job.name}: intervalMs must be a positive integer`);
  }
  for (const key of ['retryDelayMs', 'leaseMs'] as const) {
    const value = job[key];
    if (value !== undefined && (!Number.isSafeInteger(value) || value < 1)) {
      throw new TypeError(`Job ${job.name}: ${key} must be a positive integer`);
    }
  }
  if (typeof job.handler !== 'function') throw new TypeError(`Job ${job.name}: handler must be a function`);
}

/**
 * A handler's failure with a stable code. Throw it to name the failure in the run record;
 * any other error is recorded by its name (and numeric code), never by its message, which may
 * carry personal data.
 */
export class JobError extends Error {
  override name = 'JobError';
  constructor(
    readonly code: string,
    message: string = code,
  ) {
    super(message);
  }
}

/** The code a run record keeps for a thrown value: never a message. */
export function errorCode(error: unknown): string {
  if (error instanceof JobError && ERROR_CODE.test(error.code)) return error.code;
  if (typeof error !== 'object' || error === null) return 'UNKNOWN_ERROR';
  const { name, code } = error as { name?: unknown; code?: unknown };
  if (typeof code === 'string' && ERROR_CODE.test(code)) return code;
  const safeName = typeof name === 'string' && ERROR_CODE.test(name) ? name : 'UNKNOWN_ERROR';
  return typeof code === 'number' && Number.isInteger(code) ? `${safeName}:${code}` : safeName;
}

/** Thrown when a handler's result is not a map of counts. */
export const INVALID_RESULT = 'INVALID_RESULT';

/**
 * The handler's `removed` map, checked: non-negative integers under short keys. Anything else
 * is refused (the run is recorded as failed) so a value can never slip into the run record.
 */
export function validateResult(result: unknown): Record<string, number> {
  if (result === undefined || result === null) return {};
  if (typeof result !== 'object') throw new JobError(INVALID_RESULT);
  const removed = (result as JobResult).removed;
  if (removed === undefined) return {};
  if (typeof removed !== 'object' || removed === null || Array.isArray(removed)) throw new JobError(INVALID_RESULT);
  const counts: Record<string, number> = {};
  for (const [key, value] of Object.entries(removed)) {
    if (!COUNT_KEY.test(key) || !Number.isSafeInteger(value) || value < 0) throw new JobError(INVALID_RESULT);
    counts[key] = value;
  }
  return counts;
}
