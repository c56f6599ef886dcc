import type { ReviewResolvers } from '../__generated__/resolvers-types.ts';
import { findReview } from '../services/find-review.ts';

export const Review: ReviewResolvers = {
  /** Resolves `_entities` references; batched per request by the `reviewById` loader. */
  __resolveReference: (reference, ctx) => findReview(reference.id, ctx.loaders),
  id: (review) => review._id.toHexString(),
  /** References the gateway completes from the users subgraph. */
  author: (review) => ({ id: review.authorId.toHexString() }),
  pro: (review) => ({ id: review.proId.toHexString() }),
};
