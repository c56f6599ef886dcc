import type { UserResolvers } from '../__generated__/resolvers-types.ts';
import { listLeads } from '../services/list-leads.ts';
import { userReference } from '../services/user-reference.ts';

export const User: UserResolvers = {
  __resolveReference: (reference) => userReference(reference.id),
  leads: (user, args, ctx) => listLeads(ctx.models.Lead, { ...args, clientId: user.id }),
};
