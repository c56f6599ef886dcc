import type { ReviewResolvers } from '../__generated__/resolvers-types.ts';
import { findReview } from '../services/find-review.ts';

export const Review: ReviewResolvers = {
  /** Resolves `_entities` references; batched per request by the `reviewById` loader. */
  __resolveReference: (reference, ctx) => findReview(reference.id, ctx.loaders, ctx.viewer),
  id: (review) => review._id.toHexString(),
  authorId: (review) => review.authorId?.toHexString() ?? null,
  /** References the gateway completes from the users subgraph. */
  author: (review) => (review.authorId == null ? null : { id: review.authorId.toHexString() }),
  proId: (review) => review.proId.toHexString(),
  pro: (review) => ({ id: review.proId.toHexString() }),
  reply: (review) =>
    review.reply == null ? null : { proId: review.reply.proId.toHexString(), body: review.reply.body, createdAt: review.reply.createdAt },
  /** Admins only: everyone else sees null (hidden reviews never reach them anyway). */
  moderation: (review, _args, ctx) => {
    if (!ctx.viewer.isAdmin) return null;
    const moderation = review.moderation;
    return {
      hidden: review.hidden,
      reason: moderation?.reason ?? null,
      hiddenAt: moderation?.hiddenAt ?? null,
      hiddenBy: moderation == null ? null : { id: moderation.hiddenBy.toHexString() },
    };
  },
};
