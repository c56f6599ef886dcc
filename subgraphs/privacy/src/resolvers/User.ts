import type { Context } from '../context.ts';
import { countPendingRequests } from '../services/count-pending-requests.ts';
import { userReference } from '../services/user-reference.ts';

export const User = {
  __resolveReference: (reference: { id: string }) => userReference(reference.id),
  pendingDataSubjectRequests: (user: { id: string }, _args: unknown, ctx: Context) =>
    countPendingRequests(user.id, ctx.identity, ctx.loaders),
};
