import type { QueryResolvers } from '../__generated__/resolvers-types.ts';
import { findMe } from '../services/find-me.ts';
import { findUser } from '../services/find-user.ts';
import { listUsers } from '../services/list-users.ts';
import { proMatchProfiles } from '../services/pro-match-profiles.ts';
import { proVerificationQueue } from '../services/pro-verification-queue.ts';

export const Query: QueryResolvers = {
  user: (_parent, args, ctx) => findUser(args.id, ctx.loaders),
  users: (_parent, args, ctx) => listUsers(ctx.models.User, args),
  me: (_parent, _args, ctx) => findMe(ctx.identity.userId, ctx.loaders),
  proVerificationQueue: (_parent, args, ctx) => proVerificationQueue(ctx.models.User, args),
  proMatchProfiles: (_parent, args, ctx) => proMatchProfiles({ User: ctx.models.User, privacy: ctx.marketplace.privacy }, args.ids),
};
