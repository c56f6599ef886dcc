import { Types } from 'mongoose';
import type { Identity } from '@leadgraph/identity';
import { LeadsError, LeadsErrorCode, notFound } from '../errors.ts';
import type { DisputeParty, DisputeRecord } from '../models/dispute.ts';
import { parseInput } from '../services/validate.ts';
import { partyOf, requireVisibleDispute } from './access.ts';
import { answerInput, askPartiesInput, noteSchema, rejectInput, resolveInput } from './input.ts';
import { applyMove, moveDispute, type DisputeDeps } from './move-dispute.ts';

const note = (raw: unknown, field = 'note') => parseInput(noteSchema, raw, field);

/** The opener withdraws it: OPEN, UNDER_REVIEW or AWAITING_PARTIES → WITHDRAWN. */
export function withdrawDispute(deps: DisputeDeps, identity: Identity, disputeId: string, rawNote: unknown) {
  return moveDispute(deps, identity, disputeId, 'WITHDRAWN', { note: note(rawNote) });
}

/** An admin takes it from the queue: OPEN → UNDER_REVIEW. */
export function startDisputeReview(deps: DisputeDeps, identity: Identity, disputeId: string, rawNote: unknown) {
  return moveDispute(deps, identity, disputeId, 'UNDER_REVIEW', { note: note(rawNote) });
}

/** An admin resumes without (more) answers: AWAITING_PARTIES → UNDER_REVIEW (the round closes). */
export function resumeDisputeReview(deps: DisputeDeps, identity: Identity, disputeId: string, rawNote: unknown) {
  return moveDispute(deps, identity, disputeId, 'UNDER_REVIEW', { note: note(rawNote), set: () => ({ awaiting: [] }) });
}

/**
 * An admin asks the parties a question: UNDER_REVIEW → AWAITING_PARTIES, with the question as an
 * entry of a new round and the parties asked as the ones awaited, in the same write.
 */
export function askDisputeParties(deps: DisputeDeps, identity: Identity, rawInput: unknown, now = new Date()) {
  const input = parseInput(askPartiesInput, rawInput);
  return moveDispute(deps, identity, input.disputeId, 'AWAITING_PARTIES', {
    note: null,
    now,
    set: () => ({ awaiting: input.parties }),
    inc: { round: 1 },
    push: (dispute) => ({
      entries: {
        _id: new Types.ObjectId(),
        kind: 'QUESTION',
        authorId: new Types.ObjectId(identity.userId ?? ''),
        authorRole: 'ADMIN',
        parties: input.parties,
        round: dispute.round + 1,
        body: input.question,
        createdAt: now,
      },
    }),
  });
}

/** An admin closes a dispute under review with an outcome and a note: UNDER_REVIEW → RESOLVED. */
export function resolveDispute(deps: DisputeDeps, identity: Identity, rawInput: unknown) {
  const input = parseInput(resolveInput, rawInput);
  return moveDispute(deps, identity, input.disputeId, 'RESOLVED', {
    note: input.resolutionNote,
    set: () => ({ outcome: input.outcome, resolutionNote: input.resolutionNote, awaiting: [] }),
  });
}

/** An admin rejects it: OPEN or UNDER_REVIEW → REJECTED, with the note both parties read. */
export function rejectDispute(deps: DisputeDeps, identity: Identity, rawInput: unknown) {
  const input = parseInput(rejectInput, rawInput);
  return moveDispute(deps, identity, input.disputeId, 'REJECTED', {
    note: input.resolutionNote,
    set: () => ({ resolutionNote: input.resolutionNote, awaiting: [] }),
  });
}

/**
 * A party answers the open question addressed to them: one conditional write takes them off
 * `awaiting` and appends the answer (a second answer, or an answer nobody asked for, matches
 * nothing: NOT_ASKED_TO_ANSWER). When nobody is left awaited, the dispute goes back to
 * UNDER_REVIEW in a second conditional write (the table's `answer` move; an admin who resumed
 * first simply wins).
 */
export async function answerDispute(deps: DisputeDeps, identity: Identity, rawInput: unknown, now = new Date()): Promise<DisputeRecord> {
  const input = parseInput(answerInput, rawInput);
  const dispute = await requireVisibleDispute(deps.models.Dispute, identity, input.disputeId);
  const party: DisputeParty | null = partyOf(identity, dispute);
  if (party === null) throw notFound('dispute');
  const answered = await deps.models.Dispute.findOneAndUpdate(
    { _id: dispute._id, status: 'AWAITING_PARTIES', awaiting: party },
    {
      $pull: { awaiting: party },
      $push: {
        entries: {
          _id: new Types.ObjectId(),
          kind: 'ANSWER',
          authorId: new Types.ObjectId(identity.userId ?? ''),
          authorRole: party,
          parties: [party],
          round: dispute.round,
          body: input.body,
          createdAt: now,
        },
      },
    },
    { returnDocument: 'after' },
  ).lean<DisputeRecord>();
  if (answered === null) throw new LeadsError(LeadsErrorCode.NotAskedToAnswer, 'There is no open question for you on this dispute');
  if (answered.awaiting.length > 0) return answered;
  const moved = await applyMove(deps, answered, 'UNDER_REVIEW', 'answer', identity, { note: null, filter: { awaiting: { $size: 0 } } }, now);
  return moved ?? (await requireVisibleDispute(deps.models.Dispute, identity, input.disputeId));
}
