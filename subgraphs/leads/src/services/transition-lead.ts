import { Types } from 'mongoose';
import type { Identity } from '@leadgraph/identity';
import { notFound } from '../errors.ts';
import { expireDueOnRead } from '../lifecycle/expiry.ts';
import { assertTransition, transitionUpdate } from '../lifecycle/transitions.ts';
import type { Loaders, Models } from '../loaders.ts';
import type { LeadRecord, LeadStatusName } from '../models/lead.ts';

export interface TransitionDeps {
  models: Models;
  loaders: Loaders;
}

/** Leads are moved by their client only; another caller gets NOT_FOUND, as for a missing lead. */
async function ownLead(deps: TransitionDeps, identity: Identity, leadId: string): Promise<LeadRecord> {
  const lead = await deps.loaders.leadById.load(leadId);
  if (lead === null || identity.userId === null || lead.clientId.toHexString() !== identity.userId) throw notFound('lead');
  return lead;
}

/**
 * Moves the caller's lead to `to` through the lifecycle table, as one conditional update on
 * the status just read: if another request moved it first the update matches nothing, the
 * lead is read again and the table decides on its new status (so of two concurrent hires only
 * one wins; the other gets INVALID_TRANSITION from HIRED). A move out of OPEN also requires
 * the lead not to be past `expiresAt`.
 */
export async function transitionLead(
  deps: TransitionDeps,
  identity: Identity,
  leadId: string,
  to: LeadStatusName,
  options: { reason: string; set?: Record<string, unknown>; now?: Date },
): Promise<LeadRecord> {
  const now = options.now ?? new Date();
  let lead = await ownLead(deps, identity, leadId);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const from = lead.status as LeadStatusName;
    assertTransition(from, to, 'client');
    const { filter, update } = transitionUpdate(from, to, {
      actorId: new Types.ObjectId(identity.userId ?? ''),
      reason: options.reason,
      at: now,
      ...(options.set === undefined ? {} : { set: options.set }),
    });
    const guard = from === 'OPEN' ? { expiresAt: { $gt: now } } : {};
    const updated = await deps.models.Lead.findOneAndUpdate({ _id: lead._id, ...filter, ...guard }, update, { returnDocument: 'after' }).lean<LeadRecord>();
    if (updated !== null) {
      deps.loaders.leadById.clear(leadId).prime(leadId, updated);
      return updated;
    }
    const fresh = await deps.models.Lead.findById(lead._id).lean<LeadRecord>();
    if (fresh === null) throw notFound('lead');
    await expireDueOnRead(deps.models.Lead, [fresh], now);
    lead = fresh;
  }
  assertTransition(lead.status as LeadStatusName, to, 'client');
  throw notFound('lead');
}
