import type { LeadResolvers } from '../__generated__/resolvers-types.ts';
import { findLead } from '../services/find-lead.ts';

export const Lead: LeadResolvers = {
  /** Resolves `_entities` references; batched per request by the `leadById` loader. */
  __resolveReference: (reference, ctx) => findLead(reference.id, ctx.loaders),
  id: (lead) => lead._id.toHexString(),
  /** A reference the gateway completes from the users subgraph. */
  client: (lead) => ({ id: lead.clientId.toHexString() }),
};
