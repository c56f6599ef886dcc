import type { Context } from '../context.ts';
import { findLead } from '../services/find-lead.ts';
import { listLeads } from '../services/list-leads.ts';

export const Query = {
  lead: (_: unknown, args: { id: string }, ctx: Context) => findLead(args.id, ctx.loaders),
  leads: (_: unknown, args: { first?: number | null; after?: string | null }, ctx: Context) =>
    listLeads(ctx.models.Lead, args),
};
