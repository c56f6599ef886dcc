import type { Context } from '../context.ts';
import { findUser } from '../services/find-user.ts';
import { listUsers } from '../services/list-users.ts';

export const Query = {
  user: (_: unknown, args: { id: string }, ctx: Context) => findUser(args.id, ctx.loaders),
  users: (_: unknown, args: { first?: number | null; after?: string | null }, ctx: Context) =>
    listUsers(ctx.models.User, args),
};
