import type { Context } from '../context.ts';
import type { ReviewRecord } from '../models/review.ts';
import { findReview } from '../services/find-review.ts';

export const Review = {
  /** Resolves `_entities` references; batched per request by the `reviewById` loader. */
  __resolveReference: (reference: { id: string }, ctx: Context) => findReview(reference.id, ctx.loaders),
  id: (review: ReviewRecord) => review._id.toHexString(),
  /** References the gateway completes from the users subgraph. */
  author: (review: ReviewRecord) => ({ id: review.authorId.toHexString() }),
  pro: (review: ReviewRecord) => ({ id: review.proId.toHexString() }),
};
