import type { Context } from '../context.ts';
import type { LeadRecord } from '../models/lead.ts';
import { findLead } from '../services/find-lead.ts';

export const Lead = {
  /** Resolves `_entities` references; batched per request by the `leadById` loader. */
  __resolveReference: (reference: { id: string }, ctx: Context) => findLead(reference.id, ctx.loaders),
  id: (lead: LeadRecord) => lead._id.toHexString(),
  /** A reference the gateway completes from the users subgraph. */
  client: (lead: LeadRecord) => ({ id: lead.clientId.toHexString() }),
};
