import type { Identity } from '@leadgraph/identity';
import { notFound } from '../errors.ts';
import type { LeadRecord } from '../models/lead.ts';
import type { ResponseRecord } from '../models/response.ts';
import type { Notifier } from '../notifications/notifier.ts';
import { requireId } from './find-lead.ts';
import { transitionLead, type TransitionDeps } from './transition-lead.ts';

/**
 * The client hires one response: OPEN → HIRED with the response and its pro recorded, in the
 * one conditional update of the transition (only one hire ever wins). Then the hired pro gets
 * HIRED and every other responding pro LEAD_TAKEN.
 */
export async function hireResponse(
  deps: TransitionDeps & { notifier: Notifier },
  identity: Identity,
  responseIdArg: string,
): Promise<LeadRecord> {
  const responseId = requireId(responseIdArg, 'response');
  const response = await deps.loaders.responseById.load(responseId);
  if (response === null || response.clientId.toHexString() !== identity.userId) throw notFound('response');
  const lead = await transitionLead(deps, identity, response.leadId.toHexString(), 'HIRED', {
    reason: 'hired a response',
    set: { hiredResponseId: response._id, hiredProId: response.proId },
  });
  const others = await deps.models.Response.find({ leadId: lead._id, proId: { $ne: response.proId } }, { proId: 1 }).lean<
    Pick<ResponseRecord, '_id' | 'proId'>[]
  >();
  const leadId = lead._id.toHexString();
  await deps.notifier.notify([
    { recipientId: response.proId.toHexString(), kind: 'HIRED', leadId, leadTitle: lead.title, dedupeKey: `hired:${leadId}` },
    ...others.map((other) => ({
      recipientId: other.proId.toHexString(),
      kind: 'LEAD_TAKEN' as const,
      leadId,
      leadTitle: lead.title,
      dedupeKey: `lead-taken:${leadId}`,
    })),
  ]);
  return lead;
}

/** The client marks the hired job done: HIRED → COMPLETED (completedAt set). */
export function completeLead(deps: TransitionDeps, identity: Identity, leadId: string): Promise<LeadRecord> {
  return transitionLead(deps, identity, requireId(leadId, 'lead'), 'COMPLETED', { reason: 'job completed' });
}

/** The client closes the lead: OPEN or HIRED → CLOSED (closedAt set). */
export function closeLead(deps: TransitionDeps, identity: Identity, leadId: string): Promise<LeadRecord> {
  return transitionLead(deps, identity, requireId(leadId, 'lead'), 'CLOSED', { reason: 'closed by the client' });
}

