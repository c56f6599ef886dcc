import { parseObjectId } from '@leadgraph/db';
import { ReviewsError, ReviewsErrorCode } from '../errors.ts';
import type { Loaders } from '../loaders.ts';
import type { ReviewRecord } from '../models/review.ts';

/** The review with this id (batched through the request's loader), or null when there is none. */
export async function findReview(id: string, loaders: Loaders): Promise<ReviewRecord | null> {
  const objectId = parseObjectId(id);
  if (objectId === null) throw new ReviewsError(ReviewsErrorCode.InvalidId, 'Invalid review id');
  return loaders.reviewById.load(objectId.toHexString());
}
