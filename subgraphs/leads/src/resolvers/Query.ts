import type { QueryResolvers } from '../__generated__/resolvers-types.ts';
import { findVisibleLead } from '../services/find-lead.ts';
import { leadFeed } from '../services/lead-feed.ts';
import { leadParticipation } from '../services/lead-participation.ts';
import { listAllLeads } from '../services/list-leads.ts';
import { findVisibleResponse } from './Response.ts';

export const Query: QueryResolvers = {
  lead: (_parent, args, ctx) => findVisibleLead(args.id, ctx),
  leads: (_parent, args, ctx) => listAllLeads(ctx.models.Lead, args),
  leadFeed: async (_parent, args, ctx) => {
    const page = await leadFeed({ Lead: ctx.models.Lead, loaders: ctx.loaders }, ctx.identity, args);
    // The page's leads answer later by-id lookups (visibility of nested parts) without a query.
    for (const { node } of page.edges) ctx.loaders.leadById.prime(node._id.toHexString(), node);
    return page;
  },
  response: (_parent, args, ctx) => findVisibleResponse(args.id, ctx),
  leadParticipation: (_parent, args, ctx) => leadParticipation(ctx.loaders, args.leadId),
};
