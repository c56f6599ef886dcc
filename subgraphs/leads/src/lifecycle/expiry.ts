import type { LeadModel, LeadRecord } from '../models/lead.ts';
import { transitionUpdate } from './transitions.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The longest an OPEN lead stays open, whatever its dates. */
export const MAX_OPEN_DAYS = 60;

/** Midnight UTC of a `YYYY-MM-DD` calendar date, in ms. */
export function dayStart(date: string): number {
  return Date.parse(`${date}T00:00:00.000Z`);
}

/**
 * When an OPEN lead expires: at the end of the last day the job could still start (fixed:
 * the start date; flexible: the latest date minus the duration), and at most MAX_OPEN_DAYS
 * after posting. A lead for tomorrow stays open until tomorrow ends.
 */
export function expiresAtFor(dates: LeadRecord['dates'], postedAt: Date): Date {
  const lastStart =
    dates.kind === 'FIXED'
      ? dayStart(dates.startDate ?? '')
      : dayStart(dates.latestDate ?? '') - ((dates.durationDays ?? 1) - 1) * DAY_MS;
  const cap = postedAt.getTime() + MAX_OPEN_DAYS * DAY_MS;
  return new Date(Math.min(lastStart + DAY_MS, cap));
}

/** Whether an OPEN lead's time is up. */
export function isDue(lead: Pick<LeadRecord, 'status' | 'expiresAt'>, now: Date): boolean {
  return lead.status === 'OPEN' && lead.expiresAt.getTime() <= now.getTime();
}

/**
 * Moves every due OPEN lead (or only `ids`) to EXPIRED through the transitions table, in one
 * conditional `updateMany`: a lead hired or closed meanwhile no longer matches `status: OPEN`.
 * Returns how many expired.
 */
export async function sweepExpired(Lead: LeadModel, now: Date, ids?: LeadRecord['_id'][]): Promise<number> {
  const { filter, update } = transitionUpdate('OPEN', 'EXPIRED', { actorId: null, reason: 'expired', at: now });
  const scope = ids === undefined ? {} : { _id: { $in: ids } };
  const { modifiedCount } = await Lead.updateMany({ ...filter, ...scope, expiresAt: { $lte: now } }, update);
  return modifiedCount;
}

/**
 * Sweep on read: leads just read that are due are expired in the database and returned
 * with their new status, so no caller ever sees an OPEN lead past its time.
 */
export async function expireDueOnRead(Lead: LeadModel, leads: Array<LeadRecord | null>, now = new Date()): Promise<void> {
  const due = leads.filter((lead): lead is LeadRecord => lead !== null && isDue(lead, now));
  if (due.length === 0) return;
  await sweepExpired(Lead, now, due.map((lead) => lead._id));
  for (const lead of due) {
    lead.status = 'EXPIRED';
    lead.expiredAt = now;
  }
}
