import type { Page } from '@leadgraph/db';
import type { Identity } from '@leadgraph/identity';
import { Types } from 'mongoose';
import { ACTIVE_DISPUTE_STATUSES, type DisputeModel, type DisputeRecord } from '../models/dispute.ts';
import { requireId } from '../services/find-lead.ts';
import { emptyPage, findKeysetPage, keysetRequest } from '../services/keyset.ts';

export interface DisputeQueueArgs {
  first?: number | null;
  after?: string | null;
  filter?: { statuses?: readonly string[] | null; categories?: readonly string[] | null; leadId?: string | null } | null;
}

/**
 * The admins' queue (`@access` ADMIN): oldest first by (createdAt, _id), so the longest-waiting
 * dispute is on top; by default only the disputes still to handle.
 */
export function disputeQueue(Dispute: DisputeModel, args: DisputeQueueArgs): Promise<Page<DisputeRecord>> {
  const request = keysetRequest(args.first, args.after);
  const statuses = args.filter?.statuses?.length ? args.filter.statuses : ACTIVE_DISPUTE_STATUSES;
  const filter: Record<string, unknown> = { status: { $in: [...statuses] } };
  if (args.filter?.categories?.length) filter.category = { $in: [...args.filter.categories] };
  if (args.filter?.leadId != null) filter.leadId = new Types.ObjectId(requireId(args.filter.leadId, 'lead'));
  return findKeysetPage<DisputeRecord>(Dispute, filter, request, 'asc');
}

/**
 * A user's own disputes, as client or pro, newest first (`User.disputes`): for that user only;
 * anyone else gets an empty list, the same answer as for a user without disputes.
 */
export function partyDisputes(
  Dispute: DisputeModel,
  identity: Identity,
  userId: string,
  args: { first?: number | null; after?: string | null },
): Promise<Page<DisputeRecord>> {
  const request = keysetRequest(args.first, args.after);
  if (identity.userId !== userId || !Types.ObjectId.isValid(userId)) return Promise.resolve(emptyPage());
  const id = new Types.ObjectId(userId);
  return findKeysetPage<DisputeRecord>(Dispute, { $or: [{ clientId: id }, { proId: id }] }, request, 'desc');
}
