import type { Identity } from '@leadgraph/identity';
import { notFound } from '../errors.ts';
import type { DisputeActorRole, DisputeModel, DisputeParty, DisputeRecord } from '../models/dispute.ts';
import { requireId } from '../services/find-lead.ts';

/** The caller's side of a dispute: a party, an admin, or nobody (then the dispute "does not exist"). */
export function partyOf(identity: Identity, dispute: Pick<DisputeRecord, 'clientId' | 'proId'>): DisputeParty | null {
  if (identity.userId === null) return null;
  if (dispute.clientId.toHexString() === identity.userId) return 'CLIENT';
  if (dispute.proId.toHexString() === identity.userId) return 'PRO';
  return null;
}

/** The role written into the audit trail for the caller, or null when they have no say. */
export function actorRoleOf(identity: Identity, dispute: Pick<DisputeRecord, 'clientId' | 'proId'>): DisputeActorRole | null {
  if (identity.role === 'admin' && identity.userId !== null) return 'ADMIN';
  return partyOf(identity, dispute);
}

/** Whether the caller may see the dispute: its two parties and admins. */
export const mayReadDispute = (identity: Identity, dispute: Pick<DisputeRecord, 'clientId' | 'proId'>) => actorRoleOf(identity, dispute) !== null;

/** Reads the dispute fresh from the database (no cache: it is about to be moved). */
export async function loadDispute(Dispute: DisputeModel, id: string): Promise<DisputeRecord | null> {
  return Dispute.findById(requireId(id, 'dispute')).lean<DisputeRecord>();
}

/** The dispute if the caller may see it, else null: the same answer as for an unknown id. */
export async function findVisibleDispute(Dispute: DisputeModel, identity: Identity, id: string): Promise<DisputeRecord | null> {
  const dispute = await loadDispute(Dispute, id);
  return dispute !== null && mayReadDispute(identity, dispute) ? dispute : null;
}

/** The same, for mutations: NOT_FOUND when missing or not the caller's. */
export async function requireVisibleDispute(Dispute: DisputeModel, identity: Identity, id: string): Promise<DisputeRecord> {
  const dispute = await findVisibleDispute(Dispute, identity, id);
  if (dispute === null) throw notFound('dispute');
  return dispute;
}
