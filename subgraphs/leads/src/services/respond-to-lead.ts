import { Types } from 'mongoose';
import { z } from 'zod';
import type { Identity } from '@leadgraph/identity';
import { LeadsError, LeadsErrorCode, invalidInput, notFound } from '../errors.ts';
import { leadProKey, type Loaders, type Models } from '../loaders.ts';
import type { ResponseRecord } from '../models/response.ts';
import type { Notifier } from '../notifications/notifier.ts';
import type { LeadAccess } from './lead-access.ts';
import { requireId } from './find-lead.ts';
import { moneyInputSchema } from './post-lead-input.ts';
import { parseInput } from './validate.ts';

const inputSchema = z.object({
  leadId: z.string(),
  quote: moneyInputSchema,
  message: z.string().trim().min(1, 'must not be empty').max(2000, 'must be at most 2000 characters'),
});

export interface RespondDeps {
  models: Models;
  loaders: Loaders;
  access: LeadAccess;
  notifier: Notifier;
  maxResponsesPerLead: number;
}

function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: unknown }).code === 11000;
}

/**
 * A matched, verified pro responds to an OPEN lead, quoting in the lead's currency. The response limit is enforced
 * atomically: a conditional `$inc` of `responseCount` while it is below the maximum takes a
 * slot (so concurrent pros cannot overshoot), then the response is inserted; the unique
 * (leadId, proId) index refuses a second response, and the slot is given back.
 */
export async function respondToLead(deps: RespondDeps, identity: Identity, rawInput: unknown, now = new Date()): Promise<ResponseRecord> {
  const input = parseInput(inputSchema, rawInput);
  const leadId = requireId(input.leadId, 'lead');
  const proId = identity.userId ?? '';
  const profile = await deps.loaders.matchProfile.load(proId);
  if (profile === null || !profile.matchable) {
    throw new LeadsError(LeadsErrorCode.ProNotVerified, 'Only verified pros may respond to leads');
  }
  const lead = await deps.loaders.leadById.load(leadId);
  if (lead === null || !(await deps.access.mayRead(lead))) throw notFound('lead');
  if ((await deps.loaders.responseByLeadAndPro.load(leadProKey(leadId, proId))) !== null) {
    throw new LeadsError(LeadsErrorCode.AlreadyResponded, 'You already responded to this lead');
  }
  // One currency per lead, so the client compares quotes with each other and with the budget.
  if (input.quote.currency !== lead.budget.currency) {
    throw invalidInput('input.quote.currency', `input.quote.currency: must be the lead's currency (${lead.budget.currency})`);
  }
  const { Lead, Response } = deps.models;
  const slot = await Lead.findOneAndUpdate(
    { _id: lead._id, status: 'OPEN', expiresAt: { $gt: now }, responseCount: { $lt: deps.maxResponsesPerLead } },
    { $inc: { responseCount: 1 } },
    { returnDocument: 'after', projection: { _id: 1 } },
  ).lean();
  if (slot === null) {
    const current = await Lead.findById(lead._id, { status: 1, responseCount: 1, expiresAt: 1 }).lean();
    if (current?.status === 'OPEN' && current.expiresAt > now && current.responseCount >= deps.maxResponsesPerLead) {
      throw new LeadsError(LeadsErrorCode.LeadFull, 'This lead already has the most responses it takes');
    }
    throw notFound('lead');
  }
  let response: ResponseRecord;
  try {
    const doc = await Response.create({
      leadId: lead._id,
      clientId: lead.clientId,
      proId: new Types.ObjectId(proId),
      quote: input.quote,
      message: input.message,
    });
    response = doc.toObject() as ResponseRecord;
  } catch (error) {
    await Lead.updateOne({ _id: lead._id, responseCount: { $gt: 0 } }, { $inc: { responseCount: -1 } });
    if (isDuplicateKey(error)) throw new LeadsError(LeadsErrorCode.AlreadyResponded, 'You already responded to this lead');
    throw error;
  }
  await deps.notifier.notify([
    {
      recipientId: lead.clientId.toHexString(),
      kind: 'NEW_RESPONSE',
      leadId,
      leadTitle: lead.title,
      counterpartId: proId,
      dedupeKey: `new-response:${response._id.toHexString()}`,
    },
  ]);
  return response;
}
