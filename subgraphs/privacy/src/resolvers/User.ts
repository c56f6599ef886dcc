import type { UserResolvers } from '../__generated__/resolvers-types.ts';
import { countPendingRequests } from '../services/count-pending-requests.ts';
import { userReference } from '../services/user-reference.ts';

export const User: UserResolvers = {
  __resolveReference: (reference) => userReference(reference.id),
  pendingDataSubjectRequests: (user, _args, ctx) => countPendingRequests(user.id, ctx.identity, ctx.loaders),
};
