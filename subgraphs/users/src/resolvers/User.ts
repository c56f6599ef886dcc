import type { Context } from '../context.ts';
import type { UserRecord } from '../models/user.ts';
import { findUser } from '../services/find-user.ts';

export const User = {
  /** Resolves `_entities` references; batched per request by the `userById` loader. */
  __resolveReference: (reference: { id: string }, ctx: Context) => findUser(reference.id, ctx.loaders),
  id: (user: UserRecord) => user._id.toHexString(),
};
