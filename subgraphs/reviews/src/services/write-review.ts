import { Types } from 'mongoose';
import { z } from 'zod';
import { ReviewsError, ReviewsErrorCode } from '../errors.ts';
import type { Models } from '../loaders.ts';
import { REVIEW_LIMITS, type ReviewRecord } from '../models/review.ts';
import { objectIdString, parseInput, text } from './input.ts';
import type { LeadParticipation, LeadParticipationSource } from './lead-participation.ts';
import { applyRating } from './rating.ts';

export const writeReviewInput = z.object({
  leadId: objectIdString,
  rating: z.number().int().min(1).max(5),
  body: text(REVIEW_LIMITS.bodyMin, REVIEW_LIMITS.bodyMax),
});

const NOT_ELIGIBLE_MESSAGE = 'You can review a pro only for your own completed lead they were hired for.';

/**
 * The pro the caller may review for this lead, or NOT_ELIGIBLE. The refusal is the same for
 * an unknown lead, someone else's lead, a lead not completed and a lead with nobody hired, so
 * it never tells a stranger that the lead exists or where it stands.
 */
export function reviewedPro(participation: LeadParticipation | null, callerId: string): string {
  if (
    participation === null ||
    participation.clientId !== callerId ||
    participation.status !== 'COMPLETED' ||
    participation.hiredProId === null
  ) {
    throw new ReviewsError(ReviewsErrorCode.NotEligible, NOT_ELIGIBLE_MESSAGE);
  }
  return participation.hiredProId;
}

/**
 * The caller (the lead's client) reviews the pro hired for their completed lead. Eligibility
 * is checked before the one-per-lead rule, so ALREADY_REVIEWED is only ever told to the client.
 * The unique index on `leadId` settles two concurrent writes; the pro's aggregate is
 * incremented only after the review is stored.
 */
export async function writeReview(
  models: Models,
  leads: LeadParticipationSource,
  callerId: string,
  input: unknown,
): Promise<ReviewRecord> {
  const { leadId, rating, body } = parseInput(writeReviewInput, input);
  const proId = reviewedPro(await leads(leadId), callerId);
  let created;
  try {
    created = await models.Review.create({
      leadId: new Types.ObjectId(leadId),
      rating,
      body,
      authorId: new Types.ObjectId(callerId),
      proId: new Types.ObjectId(proId),
    });
  } catch (error) {
    if ((error as { code?: unknown }).code === 11000) {
      throw new ReviewsError(ReviewsErrorCode.AlreadyReviewed, 'This lead has already been reviewed.');
    }
    throw error;
  }
  const review = created.toObject() as ReviewRecord;
  await applyRating(models.ProRating, review.proId, rating, 1);
  return review;
}
