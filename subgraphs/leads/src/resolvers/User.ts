import type { Context } from '../context.ts';
import { listLeads } from '../services/list-leads.ts';
import { userReference } from '../services/user-reference.ts';

export const User = {
  __resolveReference: (reference: { id: string }) => userReference(reference.id),
  leads: (user: { id: string }, args: { first?: number | null; after?: string | null }, ctx: Context) =>
    listLeads(ctx.models.Lead, { ...args, clientId: user.id }),
};
