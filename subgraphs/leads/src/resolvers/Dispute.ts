import type { DisputeEntryResolvers, DisputeResolvers, DisputeTransitionResolvers } from '../__generated__/resolvers-types.ts';
import { disputeThread } from '../disputes/thread.ts';

/**
 * A dispute as its parties and admins see it. Its audit records and entries carry the parties'
 * ids (`@dataSubject(fields: ["clientId", "proId"])`), so privacy-kit shows their texts in
 * clear to the parties, masks them for admins without a stated reason, and logs the others.
 */
export const Dispute: DisputeResolvers = {
  id: (dispute) => dispute._id.toHexString(),
  leadId: (dispute) => dispute.leadId.toHexString(),
  responseId: (dispute) => dispute.responseId.toHexString(),
  clientId: (dispute) => dispute.clientId.toHexString(),
  proId: (dispute) => dispute.proId.toHexString(),
  outcome: (dispute) => dispute.outcome ?? null,
  resolutionNote: (dispute) => dispute.resolutionNote ?? null,
  history: (dispute) => dispute.history.map((record) => ({ ...record, clientId: dispute.clientId, proId: dispute.proId })),
  entries: (dispute) => dispute.entries.map((entry) => ({ ...entry, clientId: dispute.clientId, proId: dispute.proId })),
  thread: (dispute, args, ctx) => disputeThread(ctx.models.Message, ctx.identity, ctx.privacy?.adminReason, dispute, args),
};

export const DisputeTransition: DisputeTransitionResolvers = {
  clientId: (record) => record.clientId.toHexString(),
  proId: (record) => record.proId.toHexString(),
  actorId: (record) => record.actorId.toHexString(),
  note: (record) => record.note ?? null,
};

export const DisputeEntry: DisputeEntryResolvers = {
  id: (entry) => entry._id.toHexString(),
  clientId: (entry) => entry.clientId.toHexString(),
  proId: (entry) => entry.proId.toHexString(),
  authorId: (entry) => entry.authorId.toHexString(),
};
