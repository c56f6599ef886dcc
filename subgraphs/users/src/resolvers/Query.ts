import type { QueryResolvers } from '../__generated__/resolvers-types.ts';
import { findMe } from '../services/find-me.ts';
import { findUser } from '../services/find-user.ts';
import { listUsers } from '../services/list-users.ts';

export const Query: QueryResolvers = {
  user: (_parent, args, ctx) => findUser(args.id, ctx.loaders),
  users: (_parent, args, ctx) => listUsers(ctx.models.User, args),
  me: (_parent, _args, ctx) => findMe(ctx.identity.userId, ctx.loaders),
};
