import { parseObjectId } from '@leadgraph/db';
import { ReviewsError, ReviewsErrorCode } from '../errors.ts';
import type { Loaders } from '../loaders.ts';
import type { ReviewRecord } from '../models/review.ts';
import type { Viewer } from './viewer.ts';

/**
 * The review with this id (batched through the request's loader), or null when there is none;
 * a hidden review is null for everyone but admins.
 */
export async function findReview(id: string, loaders: Loaders, viewer: Viewer): Promise<ReviewRecord | null> {
  const objectId = parseObjectId(id);
  if (objectId === null) throw new ReviewsError(ReviewsErrorCode.InvalidId, 'Invalid review id');
  const review = await loaders.reviewById.load(objectId.toHexString());
  return review !== null && review.hidden && !viewer.isAdmin ? null : review;
}
