import { Types } from 'mongoose';
import { z } from 'zod';
import { ReviewsError, ReviewsErrorCode } from '../errors.ts';
import type { Models } from '../loaders.ts';
import { REVIEW_LIMITS, type ReviewRecord } from '../models/review.ts';
import { objectIdString, parseInput, text } from './input.ts';

export const replyToReviewInput = z.object({
  reviewId: objectIdString,
  body: text(REVIEW_LIMITS.replyMin, REVIEW_LIMITS.replyMax),
});

/**
 * The reviewed pro answers a visible review, once: one conditional update (`reply: null`), so
 * two concurrent replies cannot both land. A refusal reads the review to say why.
 */
export async function replyToReview(models: Models, callerId: string, input: unknown, now = new Date()): Promise<ReviewRecord> {
  const { reviewId, body } = parseInput(replyToReviewInput, input);
  const _id = new Types.ObjectId(reviewId);
  const proId = new Types.ObjectId(callerId);
  const updated = await models.Review.findOneAndUpdate(
    { _id, hidden: false, proId, reply: null },
    { $set: { reply: { proId, body, createdAt: now } } },
    { returnDocument: 'after' },
  ).lean<ReviewRecord>();
  if (updated !== null) return updated;
  const review = await models.Review.findOne({ _id, hidden: false }).lean<ReviewRecord>();
  if (review === null) throw new ReviewsError(ReviewsErrorCode.NotFound, 'No such review.');
  if (!review.proId.equals(proId)) throw new ReviewsError(ReviewsErrorCode.NotReviewedPro, 'Only the reviewed pro can reply to a review.');
  throw new ReviewsError(ReviewsErrorCode.AlreadyReplied, 'This review already has a reply.');
}
