import type { QueryResolvers } from '../__generated__/resolvers-types.ts';
import { findLead } from '../services/find-lead.ts';
import { listLeads } from '../services/list-leads.ts';

export const Query: QueryResolvers = {
  lead: (_parent, args, ctx) => findLead(args.id, ctx.loaders),
  leads: (_parent, args, ctx) => listLeads(ctx.models.Lead, args),
};
