import { Types } from 'mongoose';
import { z } from 'zod';
import { ReviewsError, ReviewsErrorCode } from '../errors.ts';
import type { Models } from '../loaders.ts';
import type { ModerationAction } from '../models/moderation-audit.ts';
import { REVIEW_LIMITS, type ReviewRecord } from '../models/review.ts';
import { objectIdString, parseInput, text } from './input.ts';
import { applyRating } from './rating.ts';

export const moderateReviewInput = z.object({
  reviewId: objectIdString,
  reason: text(REVIEW_LIMITS.reasonMin, REVIEW_LIMITS.reasonMax),
});

/**
 * The moderation state machine, in one table: a review is visible or hidden. Each action
 * needs one state, leads to the other, moves the rating by `ratingDelta`, and is refused with
 * `refusal` from the wrong state.
 */
const TRANSITIONS: Record<ModerationAction, { from: boolean; to: boolean; ratingDelta: 1 | -1; refusal: ReviewsErrorCode; message: string }> = {
  HIDE: { from: false, to: true, ratingDelta: -1, refusal: ReviewsErrorCode.AlreadyHidden, message: 'The review is already hidden.' },
  UNHIDE: { from: true, to: false, ratingDelta: 1, refusal: ReviewsErrorCode.NotHidden, message: 'The review is not hidden.' },
};

/**
 * An admin hides or unhides a review. The state flips with one conditional update (two
 * admins racing: one wins, the other is refused), then the pro's aggregate moves and the
 * decision is audited (who, when, what, why).
 */
export async function moderateReview(
  models: Models,
  action: ModerationAction,
  adminId: string,
  input: unknown,
  now = new Date(),
): Promise<ReviewRecord> {
  const { reviewId, reason } = parseInput(moderateReviewInput, input);
  const transition = TRANSITIONS[action];
  const _id = new Types.ObjectId(reviewId);
  const actorId = new Types.ObjectId(adminId);
  const moderation = transition.to ? { reason, hiddenAt: now, hiddenBy: actorId } : null;
  const updated = await models.Review.findOneAndUpdate(
    { _id, hidden: transition.from },
    { $set: { hidden: transition.to, moderation } },
    { returnDocument: 'after' },
  ).lean<ReviewRecord>();
  if (updated === null) {
    const exists = await models.Review.exists({ _id });
    if (exists === null) throw new ReviewsError(ReviewsErrorCode.NotFound, 'No such review.');
    throw new ReviewsError(transition.refusal, transition.message);
  }
  await Promise.all([
    applyRating(models.ProRating, updated.proId, updated.rating, transition.ratingDelta),
    models.ModerationAudit.create({ reviewId: _id, action, actorId, reason, at: now }),
  ]);
  return updated;
}
