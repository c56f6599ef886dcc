import type { Types } from 'mongoose';
import { LeadsError, LeadsErrorCode } from '../errors.ts';
import type { LeadStatusName } from '../models/lead.ts';

/**
 * The lead lifecycle: the one table of allowed moves. Anything not listed is refused with
 * `INVALID_TRANSITION` (`extensions.from`, `extensions.to`).
 *
 * - OPEN: posted, taking responses from matched pros.
 * - HIRED: the client hired one response; that pro sees the contact details in clear.
 * - COMPLETED: the client says the job is done; the client may now review the hired pro.
 * - CLOSED: the client gave up, before a hire or after one (a hire that fell through:
 *   no-show, changed plans). Closing after a hire keeps the hired pro on record but ends
 *   their clear view of the contact details, and no review is possible (not COMPLETED).
 * - EXPIRED: nobody was hired before `expiresAt` (set by the system, never by a user).
 *
 * COMPLETED, CLOSED and EXPIRED are final.
 */
export const TRANSITIONS = {
  OPEN: { HIRED: 'client', CLOSED: 'client', EXPIRED: 'system' },
  HIRED: { COMPLETED: 'client', CLOSED: 'client' },
  COMPLETED: {},
  CLOSED: {},
  EXPIRED: {},
} as const satisfies Record<LeadStatusName, Partial<Record<LeadStatusName, 'client' | 'system'>>>;

/** Who may make a move: the lead's client, or the system (expiry). */
export type TransitionActor = 'client' | 'system';

/** The actor the table names for `from → to`, or null when the move is not allowed. */
export function allowedActor(from: LeadStatusName, to: LeadStatusName): TransitionActor | null {
  const row: Partial<Record<LeadStatusName, TransitionActor>> = TRANSITIONS[from];
  return row[to] ?? null;
}

/** Throws `INVALID_TRANSITION` unless the table allows `from → to` for `actor`. */
export function assertTransition(from: LeadStatusName, to: LeadStatusName, actor: TransitionActor): void {
  if (allowedActor(from, to) !== actor) {
    throw new LeadsError(LeadsErrorCode.InvalidTransition, `A lead cannot go from ${from} to ${to}`, { from, to });
  }
}

/** The statuses a lead may move to `to` from (e.g. CLOSED: OPEN and HIRED). */
export function sourcesOf(to: LeadStatusName): LeadStatusName[] {
  return (Object.keys(TRANSITIONS) as LeadStatusName[]).filter((from) => allowedActor(from, to) !== null);
}

/** The timestamp field a move sets, if any. */
const STAMP: Partial<Record<LeadStatusName, string>> = {
  HIRED: 'hiredAt',
  COMPLETED: 'completedAt',
  CLOSED: 'closedAt',
  EXPIRED: 'expiredAt',
};

/**
 * The conditional update for `from → to`: the filter holds the expected status, so of two
 * concurrent moves from the same status only one matches (`findOneAndUpdate` is atomic per
 * document); the update appends the audit record (who, what, when, why) in the same write.
 */
export function transitionUpdate(
  from: LeadStatusName,
  to: LeadStatusName,
  options: { actorId: Types.ObjectId | null; reason: string; at: Date; set?: Record<string, unknown> },
) {
  const stamp = STAMP[to];
  return {
    filter: { status: from } as Record<string, unknown>,
    update: {
      $set: { status: to, ...(stamp === undefined ? {} : { [stamp]: options.at }), ...options.set },
      $push: { transitions: { from, to, actorId: options.actorId, reason: options.reason, at: options.at } },
    },
  };
}
