import type { UserResolvers } from '../__generated__/resolvers-types.ts';
import { listReviews } from '../services/list-reviews.ts';
import { userReference } from '../services/user-reference.ts';

export const User: UserResolvers = {
  __resolveReference: (reference) => userReference(reference.id),
  reviews: (user, args, ctx) => listReviews(ctx.models.Review, args, { proId: user.id }),
  reviewsWritten: (user, args, ctx) => listReviews(ctx.models.Review, args, { authorId: user.id }),
};
