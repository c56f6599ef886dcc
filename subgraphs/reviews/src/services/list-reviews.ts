import { findPage, parseObjectId, type Page } from '@leadgraph/db';
import { ReviewsError, ReviewsErrorCode } from '../errors.ts';
import type { ReviewModel, ReviewRecord } from '../models/review.ts';
import { pageRequest } from './page-request.ts';

/** Which reviews: all, those about a pro, or those a client wrote. */
export type ReviewFilter = { proId: string } | { authorId: string } | Record<string, never>;

function toQuery(filter: ReviewFilter): Record<string, unknown> {
  const [field, value] = Object.entries(filter)[0] ?? [];
  if (field === undefined || value === undefined) return {};
  const id = parseObjectId(value);
  if (id === null) throw new ReviewsError(ReviewsErrorCode.InvalidId, 'Invalid user id');
  return { [field]: id };
}

/** A page of reviews matching `filter`, newest first. */
export function listReviews(
  Review: ReviewModel,
  args: { first?: number | null; after?: string | null },
  filter: ReviewFilter = {},
): Promise<Page<ReviewRecord>> {
  const request = pageRequest(args.first, args.after);
  return findPage<ReviewRecord>(Review, toQuery(filter), request);
}
