import type { UserResolvers } from '../__generated__/resolvers-types.ts';
import { findUser } from '../services/find-user.ts';

export const User: UserResolvers = {
  /** Resolves `_entities` references; batched per request by the `userById` loader. */
  __resolveReference: (reference, ctx) => findUser(reference.id, ctx.loaders),
  id: (user) => user._id.toHexString(),
  emailVerified: (user) => user.emailVerifiedAt != null,
  // `email` and `companyName` resolve by default; `applyPersonalData` masks `email` for others.
};
