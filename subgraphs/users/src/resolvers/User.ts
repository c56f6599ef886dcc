import type { UserResolvers } from '../__generated__/resolvers-types.ts';
import { findUser } from '../services/find-user.ts';
import { proProfileView } from './pro-profile-view.ts';

export const User: UserResolvers = {
  /** Resolves `_entities` references; batched per request by the `userById` loader. */
  __resolveReference: (reference, ctx) => findUser(reference.id, ctx.loaders),
  id: (user) => user._id.toHexString(),
  emailVerified: (user) => user.emailVerifiedAt != null,
  proProfile: (user, _args, ctx) => proProfileView(user, ctx),
  // `email` and `companyName` resolve by default; `applyPersonalData` masks `email` for others.
};
