import type { UserResolvers } from '../__generated__/resolvers-types.ts';
import { listReviews } from '../services/list-reviews.ts';
import { toRatingSummary } from '../services/rating.ts';
import { userReference } from '../services/user-reference.ts';

export const User: UserResolvers = {
  __resolveReference: (reference) => userReference(reference.id),
  reviews: (user, args, ctx) => listReviews(ctx.models.Review, ctx.viewer, args, { proId: user.id }),
  reviewsWritten: (user, args, ctx) => listReviews(ctx.models.Review, ctx.viewer, args, { authorId: user.id }),
  /** Batched per request: N pros' ratings in one query. */
  rating: async (user, _args, ctx) => toRatingSummary(await ctx.loaders.ratingByProId.load(user.id)),
};
