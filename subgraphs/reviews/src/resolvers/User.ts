import type { Context } from '../context.ts';
import { listReviews } from '../services/list-reviews.ts';
import { userReference } from '../services/user-reference.ts';

type PageArgs = { first?: number | null; after?: string | null };

export const User = {
  __resolveReference: (reference: { id: string }) => userReference(reference.id),
  reviews: (user: { id: string }, args: PageArgs, ctx: Context) =>
    listReviews(ctx.models.Review, args, { proId: user.id }),
  reviewsWritten: (user: { id: string }, args: PageArgs, ctx: Context) =>
    listReviews(ctx.models.Review, args, { authorId: user.id }),
};
