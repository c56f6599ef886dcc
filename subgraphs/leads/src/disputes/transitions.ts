import type { Types } from 'mongoose';
import { LeadsError, LeadsErrorCode } from '../errors.ts';
import type { DisputeActorRole, DisputeStatusName } from '../models/dispute.ts';

/**
 * Who makes a move: an admin, the party who opened the dispute, or the answering party whose
 * answer completes a question round.
 */
export type DisputeActor = 'admin' | 'opener' | 'answer';

/** A caller as the table sees them: an actor it names, or a party it never names (the other side). */
export type DisputeCaller = DisputeActor | 'party';

/**
 * The dispute lifecycle: the one table of allowed moves and who may make each. Anything not
 * listed is `INVALID_TRANSITION` (`extensions.from`, `extensions.to`).
 *
 * - OPEN: opened by a party, waiting in the admins' queue (oldest first).
 * - UNDER_REVIEW: an admin took it and reads the thread (with a stated reason, see thread.ts).
 * - AWAITING_PARTIES: an admin asked a question; the last answer asked for (or the admin)
 *   moves it back to UNDER_REVIEW.
 * - RESOLVED: closed by an admin with an outcome and a note (only from UNDER_REVIEW: a decision
 *   follows a review, never a pending question).
 * - REJECTED: closed by an admin as not for the platform (from OPEN or UNDER_REVIEW).
 * - WITHDRAWN: the opener gave up while it was still active.
 *
 * RESOLVED, REJECTED and WITHDRAWN are final.
 */
export const DISPUTE_TRANSITIONS = {
  OPEN: { UNDER_REVIEW: ['admin'], REJECTED: ['admin'], WITHDRAWN: ['opener'] },
  UNDER_REVIEW: { AWAITING_PARTIES: ['admin'], RESOLVED: ['admin'], REJECTED: ['admin'], WITHDRAWN: ['opener'] },
  AWAITING_PARTIES: { UNDER_REVIEW: ['admin', 'answer'], WITHDRAWN: ['opener'] },
  RESOLVED: {},
  REJECTED: {},
  WITHDRAWN: {},
} as const satisfies Record<DisputeStatusName, Partial<Record<DisputeStatusName, readonly DisputeActor[]>>>;

/** Whether the table allows `actor` to move a dispute `from → to`. */
export function mayMove(from: DisputeStatusName, to: DisputeStatusName, actor: DisputeCaller): boolean {
  const row: Partial<Record<DisputeStatusName, readonly DisputeCaller[]>> = DISPUTE_TRANSITIONS[from];
  return row[to]?.includes(actor) ?? false;
}

/** Throws `INVALID_TRANSITION` unless the table allows the move for `actor`. */
export function assertDisputeMove(from: DisputeStatusName, to: DisputeStatusName, actor: DisputeCaller): void {
  if (!mayMove(from, to, actor)) {
    throw new LeadsError(LeadsErrorCode.InvalidTransition, `A dispute cannot go from ${from} to ${to}`, { from, to });
  }
}

/** Whether a status is final (no move out of it). */
export const isFinal = (status: DisputeStatusName) => Object.keys(DISPUTE_TRANSITIONS[status]).length === 0;

/**
 * The conditional update for `from → to`: the filter holds the expected status (so of two
 * concurrent moves only one matches; `findOneAndUpdate` is atomic per document), and the same
 * write appends the audit record. A final status also frees the opener's "one open dispute" key.
 */
export function disputeMoveUpdate(
  from: DisputeStatusName,
  to: DisputeStatusName,
  audit: { actorId: Types.ObjectId; actorRole: DisputeActorRole; note: string | null; at: Date },
  extra: { set?: Record<string, unknown>; push?: Record<string, unknown>; inc?: Record<string, number> } = {},
) {
  return {
    filter: { status: from } as Record<string, unknown>,
    update: {
      $set: { status: to, ...extra.set },
      ...(isFinal(to) ? { $unset: { openKey: 1 } } : {}),
      $push: { history: { from, to, ...audit }, ...extra.push },
      ...(extra.inc === undefined ? {} : { $inc: extra.inc }),
    },
  };
}
