import { describe, expect, it } from 'vitest';
import { afterRun, nextSlot } from './schedule.ts';

const at = (iso: string) => new Date(iso);
const HOUR = 60 * 60 * 1000;

describe('nextSlot', () => {
  it('is one interval after the scheduled time when the run finished within it', () => {
    expect(nextSlot(at('2026-01-01T03:00:00Z'), HOUR, at('2026-01-01T03:10:00Z'))).toEqual(at('2026-01-01T04:00:00Z'));
  });

  it('skips the slots a long run or an outage missed, keeping the grid', () => {
    expect(nextSlot(at('2026-01-01T03:00:00Z'), HOUR, at('2026-01-01T06:30:00Z'))).toEqual(at('2026-01-01T07:00:00Z'));
  });

  it('moves on by a whole interval when the run ends exactly on a slot', () => {
    expect(nextSlot(at('2026-01-01T03:00:00Z'), HOUR, at('2026-01-01T04:00:00Z'))).toEqual(at('2026-01-01T05:00:00Z'));
  });

  it('never goes backwards when the run finished before its scheduled time (clock skew)', () => {
    expect(nextSlot(at('2026-01-01T03:00:00Z'), HOUR, at('2026-01-01T02:59:00Z'))).toEqual(at('2026-01-01T04:00:00Z'));
  });
});

describe('afterRun', () => {
  const slot = at('2026-01-01T03:00:00Z');

  it('moves on to the next slot after a success', () => {
    expect(afterRun(slot, HOUR, at('2026-01-01T03:10:00Z'), 'ok', HOUR / 6)).toEqual({
      slotAt: at('2026-01-01T04:00:00Z'),
      nextRunAt: at('2026-01-01T04:00:00Z'),
    });
  });

  it('retries a failure after retryDelayMs, still serving the failed slot', () => {
    expect(afterRun(slot, 24 * HOUR, at('2026-01-01T03:01:00Z'), 'failed', HOUR)).toEqual({
      slotAt: slot,
      nextRunAt: at('2026-01-01T04:01:00Z'),
    });
  });

  it('gives up retrying when the next slot comes first, or without a retry delay', () => {
    const next = { slotAt: at('2026-01-01T04:00:00Z'), nextRunAt: at('2026-01-01T04:00:00Z') };
    expect(afterRun(slot, HOUR, at('2026-01-01T03:01:00Z'), 'failed', 2 * HOUR)).toEqual(next);
    expect(afterRun(slot, HOUR, at('2026-01-01T03:01:00Z'), 'failed')).toEqual(next);
  });
});
