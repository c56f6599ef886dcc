import type { Context } from '../context.ts';
import { findReview } from '../services/find-review.ts';
import { listReviews } from '../services/list-reviews.ts';

export const Query = {
  review: (_: unknown, args: { id: string }, ctx: Context) => findReview(args.id, ctx.loaders),
  reviews: (_: unknown, args: { first?: number | null; after?: string | null }, ctx: Context) =>
    listReviews(ctx.models.Review, args),
};
