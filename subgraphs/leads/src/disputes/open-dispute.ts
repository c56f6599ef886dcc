import { Types } from 'mongoose';
import type { Identity } from '@leadgraph/identity';
import { LeadsError, LeadsErrorCode, invalidInput, notFound } from '../errors.ts';
import { leadProKey } from '../loaders.ts';
import type { DisputeParty, DisputeRecord } from '../models/dispute.ts';
import type { ResponseRecord } from '../models/response.ts';
import { requireId } from '../services/find-lead.ts';
import { parseInput } from '../services/validate.ts';
import { openDisputeInput } from './input.ts';
import type { DisputeDeps } from './move-dispute.ts';
import { notifyDisputeParties } from './notify.ts';

const isDuplicateKey = (error: unknown) => (error as { code?: unknown }).code === 11000;

/**
 * The thread the dispute is about, for a caller who takes part in the lead: the client (the
 * response they name, or the hired one) or a pro who responded (their own response). Anyone
 * else gets NOT_FOUND for the lead, exactly as for an unknown lead.
 */
async function disputedThread(deps: DisputeDeps, identity: Identity, leadId: string, responseId: string | null): Promise<{ response: ResponseRecord; party: DisputeParty }> {
  const lead = await deps.loaders.leadById.load(leadId);
  const userId = identity.userId;
  if (lead === null || userId === null) throw notFound('lead');
  if (identity.role === 'client' && lead.clientId.toHexString() === userId) {
    const chosen = responseId ?? lead.hiredResponseId?.toHexString() ?? null;
    if (chosen === null) throw invalidInput('input.responseId', 'input.responseId: required, the lead has no hired response');
    const response = await deps.loaders.responseById.load(chosen);
    if (response === null || !response.leadId.equals(lead._id)) throw notFound('response');
    return { response, party: 'CLIENT' };
  }
  if (identity.role === 'pro') {
    const response = await deps.loaders.responseByLeadAndPro.load(leadProKey(leadId, userId));
    if (response === null) throw notFound('lead');
    if (responseId !== null && response._id.toHexString() !== responseId) throw notFound('response');
    return { response, party: 'PRO' };
  }
  throw notFound('lead');
}

/**
 * A party opens a dispute about their thread on a lead: OPEN, with the opening as the first
 * audit record. One open dispute per lead per opener (`ALREADY_DISPUTED`), held by a unique
 * key that exists only while the dispute is active. Both parties are told (DISPUTE_UPDATE).
 */
export async function openDispute(deps: DisputeDeps, identity: Identity, rawInput: unknown, now = new Date()): Promise<DisputeRecord> {
  const input = parseInput(openDisputeInput, rawInput);
  const leadId = requireId(input.leadId, 'lead');
  const responseId = input.responseId == null ? null : requireId(input.responseId, 'response');
  const { response, party } = await disputedThread(deps, identity, leadId, responseId);
  const openerId = new Types.ObjectId(identity.userId ?? '');
  let created;
  try {
    created = await deps.models.Dispute.create({
      leadId: response.leadId,
      responseId: response._id,
      clientId: response.clientId,
      proId: response.proId,
      openedById: openerId,
      openedBy: party,
      category: input.category,
      reason: input.reason,
      status: 'OPEN',
      openKey: `${leadId}:${openerId.toHexString()}`,
      history: [{ from: null, to: 'OPEN', actorId: openerId, actorRole: party, note: null, at: now }],
      createdAt: now,
      updatedAt: now,
    });
  } catch (error) {
    if (isDuplicateKey(error)) throw new LeadsError(LeadsErrorCode.AlreadyDisputed, 'You already have an open dispute on this lead');
    throw error;
  }
  const dispute = created.toObject() as unknown as DisputeRecord;
  await notifyDisputeParties(deps.notifier, dispute, await deps.loaders.leadById.load(leadId));
  return dispute;
}
