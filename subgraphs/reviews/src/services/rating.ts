import { Types } from 'mongoose';
import { STARS, starKey, type ProRatingModel, type ProRatingRecord } from '../models/pro-rating.ts';
import type { ReviewModel } from '../models/review.ts';

/** `User.rating` as the schema shapes it. */
export interface RatingSummary {
  average: number | null;
  count: number;
  distribution: Array<{ stars: number; count: number }>;
}

/**
 * Adds (`delta` 1: a review written or unhidden) or removes (-1: hidden) one rating from a
 * pro's aggregate with one atomic `$inc`, so concurrent writes never lose each other.
 */
export async function applyRating(ProRating: ProRatingModel, proId: Types.ObjectId, rating: number, delta: 1 | -1): Promise<void> {
  await ProRating.updateOne(
    { _id: proId },
    { $inc: { count: delta, sum: delta * rating, [starKey(rating)]: delta } },
    { upsert: true },
  );
}

/** The summary of an aggregate; a pro without one has count 0 and no average. */
export function toRatingSummary(record: ProRatingRecord | null): RatingSummary {
  const count = record?.count ?? 0;
  return {
    average: record === null || count <= 0 ? null : record.sum / count,
    count: Math.max(0, count),
    distribution: STARS.map((stars) => ({ stars, count: record?.[starKey(stars)] ?? 0 })),
  };
}

/** The pros' aggregates computed from their visible reviews (one aggregation), for checks and repair. */
export async function computeProRatings(Review: ReviewModel, proIds?: readonly Types.ObjectId[]): Promise<ProRatingRecord[]> {
  const match: Record<string, unknown> = { hidden: false };
  if (proIds !== undefined) match.proId = { $in: proIds };
  const starCounts = Object.fromEntries(
    STARS.map((stars) => [starKey(stars), { $sum: { $cond: [{ $eq: ['$rating', stars] }, 1, 0] } }]),
  );
  return Review.aggregate<ProRatingRecord>([
    { $match: match },
    { $group: { _id: '$proId', count: { $sum: 1 }, sum: { $sum: '$rating' }, ...starCounts } },
    { $sort: { _id: 1 } },
  ]);
}

/**
 * Rewrites the aggregates from the reviews: after a bulk load (seed), or to repair drift left
 * by a crash between a review write and its `$inc`. Not safe against concurrent review
 * writes to the same pros (it sets, not increments): run it when they are quiet.
 */
export async function recomputeProRatings(Review: ReviewModel, ProRating: ProRatingModel, proIds?: readonly Types.ObjectId[]): Promise<number> {
  const computed = await computeProRatings(Review, proIds);
  const zero = { count: 0, sum: 0, s1: 0, s2: 0, s3: 0, s4: 0, s5: 0 };
  const targets = proIds ?? computed.map((r) => r._id);
  const byId = new Map(computed.map((r) => [r._id.toHexString(), r]));
  if (targets.length === 0) return 0;
  await ProRating.bulkWrite(
    targets.map((id) => {
      const { _id, ...values } = byId.get(id.toHexString()) ?? { _id: id, ...zero };
      return { updateOne: { filter: { _id }, update: { $set: values }, upsert: true } };
    }),
    { ordered: false },
  );
  return targets.length;
}
