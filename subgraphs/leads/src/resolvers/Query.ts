import type {
  QueryLeadArgs,
  QueryLeadFeedArgs,
  QueryLeadParticipationArgs,
  QueryLeadsArgs,
  QueryResponseArgs,
} from '../__generated__/resolvers-types.ts';
import { findVisibleLead } from '../services/find-lead.ts';
import { leadFeed } from '../services/lead-feed.ts';
import { leadParticipation } from '../services/lead-participation.ts';
import { listAllLeads } from '../services/list-leads.ts';
import type { FieldResolver } from './record-resolvers.ts';
import { findVisibleResponse } from './Response.ts';

export const Query = {
  lead: ((_parent, args, ctx) => findVisibleLead(args.id, ctx)) as FieldResolver<unknown, QueryLeadArgs>,
  leads: ((_parent, args, ctx) => listAllLeads(ctx.models.Lead, args)) as FieldResolver<unknown, QueryLeadsArgs>,
  leadFeed: (async (_parent, args, ctx) => {
    const page = await leadFeed({ Lead: ctx.models.Lead, loaders: ctx.loaders }, ctx.identity, args);
    // The page's leads answer later by-id lookups (visibility of nested parts) without a query.
    for (const { node } of page.edges) ctx.loaders.leadById.prime(node._id.toHexString(), node);
    return page;
  }) as FieldResolver<unknown, QueryLeadFeedArgs>,
  response: ((_parent, args, ctx) => findVisibleResponse(args.id, ctx)) as FieldResolver<unknown, QueryResponseArgs>,
  leadParticipation: ((_parent, args, ctx) => leadParticipation(ctx.loaders, args.leadId)) as FieldResolver<
    unknown,
    QueryLeadParticipationArgs
  >,
};
