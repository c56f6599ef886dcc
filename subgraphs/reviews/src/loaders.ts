import DataLoader from 'dataloader';
import { Types } from 'mongoose';
import { findByIds } from '@leadgraph/db';
import type { ModerationAuditModel } from './models/moderation-audit.ts';
import type { ProRatingModel, ProRatingRecord } from './models/pro-rating.ts';
import type { ReviewModel, ReviewRecord } from './models/review.ts';

/** The models of this subgraph, bound to its connection. */
export interface Models {
  Review: ReviewModel;
  ProRating: ProRatingModel;
  ModerationAudit: ModerationAuditModel;
}

/**
 * Per-request batching: N `review` or `_entities` lookups in one operation become one `$in`
 * query, and so do N pros' `User.rating`.
 */
export function createLoaders(models: Models) {
  return {
    reviewById: new DataLoader<string, ReviewRecord | null>((ids) => findByIds<ReviewRecord>(models.Review, ids)),
    ratingByProId: new DataLoader<string, ProRatingRecord | null>(async (ids) => {
      const docs = await models.ProRating.find({ _id: { $in: ids.map((id) => new Types.ObjectId(id)) } }).lean<ProRatingRecord[]>();
      const byId = new Map(docs.map((doc) => [doc._id.toHexString(), doc]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
