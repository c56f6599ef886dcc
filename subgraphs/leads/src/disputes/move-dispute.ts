import { Types } from 'mongoose';
import type { Identity } from '@leadgraph/identity';
import { notFound } from '../errors.ts';
import type { Loaders, Models } from '../loaders.ts';
import type { DisputeRecord, DisputeStatusName } from '../models/dispute.ts';
import type { Notifier } from '../notifications/notifier.ts';
import { actorRoleOf, requireVisibleDispute } from './access.ts';
import { notifyDisputeParties } from './notify.ts';
import { assertDisputeMove, disputeMoveUpdate, type DisputeCaller } from './transitions.ts';

export interface DisputeDeps {
  models: Models;
  loaders: Loaders;
  notifier: Notifier;
}

export interface MoveOptions {
  note: string | null;
  /** Fields set with the move (outcome, resolution note, awaiting parties). */
  set?: (dispute: DisputeRecord) => Record<string, unknown>;
  /** Array items appended with the move (a question entry). */
  push?: (dispute: DisputeRecord) => Record<string, unknown>;
  inc?: Record<string, number>;
  now?: Date;
}

/** How the table names the caller for this dispute: an admin, its opener, or neither. */
function actorKind(identity: Identity, dispute: DisputeRecord): DisputeCaller {
  if (identity.role === 'admin') return 'admin';
  return dispute.openedById.toHexString() === identity.userId ? 'opener' : 'party';
}

/**
 * Moves a dispute the caller may see to `to` through the table, as one conditional update on
 * the status just read (with the audit record in the same write). A lost race re-reads the
 * dispute and the table decides again on its new status, so of two concurrent moves exactly
 * one wins and the other gets INVALID_TRANSITION. Both parties are told (DISPUTE_UPDATE).
 */
export async function moveDispute(
  deps: DisputeDeps,
  identity: Identity,
  disputeId: string,
  to: DisputeStatusName,
  options: MoveOptions,
): Promise<DisputeRecord> {
  const now = options.now ?? new Date();
  let dispute = await requireVisibleDispute(deps.models.Dispute, identity, disputeId);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const updated = await applyMove(deps, dispute, to, actorKind(identity, dispute), identity, options, now);
    if (updated !== null) return updated;
    const fresh = await deps.models.Dispute.findById(dispute._id).lean<DisputeRecord>();
    if (fresh === null) throw notFound('dispute');
    dispute = fresh;
  }
  assertDisputeMove(dispute.status, to, actorKind(identity, dispute));
  throw notFound('dispute');
}

/**
 * The conditional write of one move by `actor` and the parties' mail; null when the status
 * changed under it (the caller re-reads). Also used by the answer that completes a round.
 */
export async function applyMove(
  deps: DisputeDeps,
  dispute: DisputeRecord,
  to: DisputeStatusName,
  actor: DisputeCaller,
  identity: Identity,
  options: MoveOptions & { filter?: Record<string, unknown> },
  now: Date,
): Promise<DisputeRecord | null> {
  assertDisputeMove(dispute.status, to, actor);
  const actorRole = actorRoleOf(identity, dispute);
  if (actorRole === null || identity.userId === null) throw notFound('dispute');
  const { filter, update } = disputeMoveUpdate(
    dispute.status,
    to,
    { actorId: new Types.ObjectId(identity.userId), actorRole, note: options.note, at: now },
    {
      ...(options.set === undefined ? {} : { set: options.set(dispute) }),
      ...(options.push === undefined ? {} : { push: options.push(dispute) }),
      ...(options.inc === undefined ? {} : { inc: options.inc }),
    },
  );
  const updated = await deps.models.Dispute.findOneAndUpdate({ _id: dispute._id, ...filter, ...options.filter }, update, {
    returnDocument: 'after',
  }).lean<DisputeRecord>();
  if (updated === null) return null;
  const lead = await deps.loaders.leadById.load(updated.leadId.toHexString());
  await notifyDisputeParties(deps.notifier, updated, lead);
  return updated;
}
