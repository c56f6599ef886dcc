import { parseObjectId } from '@leadgraph/db';
import { ReviewsError, ReviewsErrorCode } from '../errors.ts';

/**
 * A User reference this subgraph can extend. The users subgraph owns users; here a
 * reference only needs a valid id (a user nobody reviewed simply has no reviews).
 */
export function userReference(id: string): { id: string } {
  const objectId = parseObjectId(id);
  if (objectId === null) throw new ReviewsError(ReviewsErrorCode.InvalidId, 'Invalid user id');
  return { id: objectId.toHexString() };
}
