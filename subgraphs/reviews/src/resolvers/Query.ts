import type { QueryResolvers } from '../__generated__/resolvers-types.ts';
import { findReview } from '../services/find-review.ts';
import { listReviews } from '../services/list-reviews.ts';
import { reviewStatistics } from '../services/review-statistics.ts';

export const Query: QueryResolvers = {
  review: (_parent, args, ctx) => findReview(args.id, ctx.loaders, ctx.viewer),
  reviews: (_parent, args, ctx) => listReviews(ctx.models.Review, ctx.viewer, args),
  /** Service only (leads' partner statistics, issue #8): aggregates per group of leads. */
  reviewStatistics: (_parent, args, ctx) => reviewStatistics(ctx.models, args.input),
};
