import type { UserLeadsArgs, UserResponsesArgs } from '../__generated__/resolvers-types.ts';
import { listClientLeads } from '../services/list-leads.ts';
import { proResponses } from '../services/list-responses.ts';
import { userReference, type UserReference } from '../services/user-reference.ts';
import type { FieldResolver } from './record-resolvers.ts';

export const User = {
  __resolveReference: (reference: { id: string }) => userReference(reference.id),
  /** The user's own leads (as a client); others get an empty list. */
  leads: ((user, args, ctx) => listClientLeads(ctx.models.Lead, ctx.identity, user.id, args)) as FieldResolver<UserReference, UserLeadsArgs>,
  /** The user's own responses (as a pro); others get an empty list. */
  responses: ((user, args, ctx) => proResponses(ctx.models.Response, ctx.identity, user.id, args)) as FieldResolver<
    UserReference,
    UserResponsesArgs
  >,
};
