import { findPage, parseObjectId, type Page } from '@leadgraph/db';
import { z } from 'zod';
import { ReviewsError, ReviewsErrorCode } from '../errors.ts';
import type { ReviewModel, ReviewRecord } from '../models/review.ts';
import { parseInput } from './input.ts';
import { pageRequest } from './page-request.ts';
import type { Viewer } from './viewer.ts';

/** Whose reviews: all, those about a pro, or those a client wrote. */
export type ReviewScope = { proId: string } | { authorId: string } | Record<string, never>;

const stars = z.number().int().min(1).max(5);
export const reviewFilterInput = z
  .object({
    rating: stars.nullish(),
    minRating: stars.nullish(),
    visibility: z.enum(['VISIBLE', 'HIDDEN', 'ALL']).nullish(),
  })
  .nullish();

export type ReviewFilterInput = z.input<typeof reviewFilterInput>;

function scopeQuery(scope: ReviewScope): Record<string, unknown> {
  const [field, value] = Object.entries(scope)[0] ?? [];
  if (field === undefined || value === undefined) return {};
  const id = parseObjectId(value);
  if (id === null) throw new ReviewsError(ReviewsErrorCode.InvalidId, 'Invalid user id');
  return { [field]: id };
}

function filterQuery(input: unknown, viewer: Viewer): Record<string, unknown> {
  const filter = parseInput(reviewFilterInput, input) ?? {};
  const visibility = filter.visibility ?? 'VISIBLE';
  if (visibility !== 'VISIBLE' && !viewer.isAdmin) {
    throw new ReviewsError(ReviewsErrorCode.HiddenReviewsForAdmins, 'Only admins can list hidden reviews.');
  }
  const query: Record<string, unknown> = {};
  if (visibility !== 'ALL') query.hidden = visibility === 'HIDDEN';
  const rating: Record<string, number> = {};
  if (filter.rating != null) rating.$eq = filter.rating;
  if (filter.minRating != null) rating.$gte = filter.minRating;
  if (Object.keys(rating).length > 0) query.rating = rating;
  return query;
}

/** A page of reviews in `scope` matching `filter`, newest first (by id: stable). Hidden ones only for admins. */
export function listReviews(
  Review: ReviewModel,
  viewer: Viewer,
  args: { first?: number | null; after?: string | null; filter?: unknown },
  scope: ReviewScope = {},
): Promise<Page<ReviewRecord>> {
  const request = pageRequest(args.first, args.after);
  return findPage<ReviewRecord>(Review, { ...scopeQuery(scope), ...filterQuery(args.filter, viewer) }, request);
}
