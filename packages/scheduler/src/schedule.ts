/**
 * The next due time of a fixed-interval job after a run: the first slot of its grid
 * (`scheduledAt + k * intervalMs`, k ≥ 1) that is later than `finishedAt`. Slots missed while
 * the job ran long or every instance was down are skipped, not replayed in a burst, and the
 * grid stays where the job's first due time put it (a daily job first due at 03:00 stays at 03:00).
 */
export function nextSlot(scheduledAt: Date, intervalMs: number, finishedAt: Date): Date {
  const elapsed = finishedAt.getTime() - scheduledAt.getTime();
  const steps = Math.max(1, Math.floor(elapsed / intervalMs) + 1);
  return new Date(scheduledAt.getTime() + steps * intervalMs);
}

/** Where a job stands after a run: the grid slot its next run serves, and when that run is due. */
export interface NextRun {
  slotAt: Date;
  nextRunAt: Date;
}

/**
 * After a run that served `slotAt`: success moves on to the next slot. A failure with a
 * `retryDelayMs` is retried at `finishedAt + retryDelayMs` while that comes before the next
 * slot, and the retry still serves the failed slot, so a success keeps the grid where it was.
 */
export function afterRun(
  slotAt: Date,
  intervalMs: number,
  finishedAt: Date,
  outcome: 'ok' | 'failed',
  retryDelayMs?: number,
): NextRun {
  const slot = nextSlot(slotAt, intervalMs, finishedAt);
  if (outcome === 'failed' && retryDelayMs !== undefined) {
    const retry = new Date(finishedAt.getTime() + retryDelayMs);
    if (retry < slot) return { slotAt, nextRunAt: retry };
  }
  return { slotAt: slot, nextRunAt: slot };
}
