/**
 * Where the scheduler reads the time. Due times, leases and run records all come from it, so a
 * test that owns the clock decides when a job is due; only the polling timer and the lease
 * renewal timer use real time (they decide how often to look, not what is due).
 */
export interface Clock {
  now(): Date;
}

/** The wall clock. */
export const systemClock: Clock = { now: () => new Date() };

/** A clock that moves only when told: for tests and scripts that replay time. */
export interface ManualClock extends Clock {
  /** Moves the clock forward by `ms` (negative moves back). */
  advance(ms: number): Date;
  /** Sets the clock to `at`. */
  set(at: Date | number): Date;
}

/** A manual clock starting at `start` (default: now). */
export function manualClock(start: Date | number = Date.now()): ManualClock {
  let current = new Date(start).getTime();
  return {
    now: () => new Date(current),
    advance(ms) {
      current += ms;
      return new Date(current);
    },
    set(at) {
      current = new Date(at).getTime();
      return new Date(current);
    },
  };
}
