import type { Connection, Types } from 'mongoose';
import { reviewModel, type ReviewRecord } from '../models/review.ts';
import { fakeRating, fakeReviewBody } from './words.ts';

/**
 * Seed factories for reviews: tests and `pnpm seed` build data with these. Each returns what
 * it created, as read back from the database.
 */
export interface ReviewInput {
  /** The client who wrote it (a user id from the users subgraph). */
  authorId: Types.ObjectId | string;
  /** The pro it is about (a user id from the users subgraph). */
  proId: Types.ObjectId | string;
  rating?: number;
  body?: string;
  createdAt?: Date;
}

function fakeReview(input: ReviewInput) {
  const rating = input.rating ?? fakeRating();
  return {
    authorId: input.authorId,
    proId: input.proId,
    rating,
    body: input.body ?? fakeReviewBody(rating),
    ...(input.createdAt === undefined ? {} : { createdAt: input.createdAt }),
  };
}

/** Creates one review by `authorId` about `proId`. */
export async function createReview(db: Connection, input: ReviewInput): Promise<ReviewRecord> {
  const [review] = await createReviews(db, [input]);
  return review as ReviewRecord;
}

/** Creates many reviews in one insert, in the order given. */
export async function createReviews(db: Connection, inputs: readonly ReviewInput[]): Promise<ReviewRecord[]> {
  const docs = await reviewModel(db).insertMany(inputs.map(fakeReview));
  return docs.map((doc) => doc.toObject() as ReviewRecord);
}

/** Removes every review: what `pnpm seed` does before filling the demo data. */
export async function clearReviews(db: Connection): Promise<number> {
  const { deletedCount } = await reviewModel(db).deleteMany({});
  return deletedCount;
}
