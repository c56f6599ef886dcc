import type { UserResolvers } from '../__generated__/resolvers-types.ts';
import { partyDisputes } from '../disputes/queue.ts';
import { listClientLeads } from '../services/list-leads.ts';
import { proResponses } from '../services/list-responses.ts';
import { userReference } from '../services/user-reference.ts';

export const User: UserResolvers = {
  __resolveReference: (reference) => userReference(reference.id),
  /** The user's own leads (as a client); others get an empty list. */
  leads: (user, args, ctx) => listClientLeads(ctx.models.Lead, ctx.identity, user.id, args),
  /** The user's own responses (as a pro); others get an empty list. */
  responses: (user, args, ctx) => proResponses(ctx.models.Response, ctx.identity, user.id, args),
  /** The user's own disputes (as either party); others get an empty list. */
  disputes: (user, args, ctx) => partyDisputes(ctx.models.Dispute, ctx.identity, user.id, args),
};
