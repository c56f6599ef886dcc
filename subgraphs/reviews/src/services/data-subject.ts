import { parseObjectId } from '@leadgraph/db';
import type { Models } from '../loaders.ts';
import type { ReviewRecord } from '../models/review.ts';

/**
 * The reviews subgraph's part of a person's data export (contract P1): the reviews they wrote as
 * a client and the reviews about them as a pro (each with the pro's reply), hidden ones
 * included, oldest first. An id that is not an ObjectId has no data.
 */
export function reviewsWrittenBy(models: Models, subjectId: string): Promise<ReviewRecord[]> {
  const id = parseObjectId(subjectId);
  if (id === null) return Promise.resolve([]);
  return models.Review.find({ authorId: id }).sort({ _id: 1 }).lean<ReviewRecord[]>().exec();
}

export function reviewsReceivedBy(models: Models, subjectId: string): Promise<ReviewRecord[]> {
  const id = parseObjectId(subjectId);
  if (id === null) return Promise.resolve([]);
  return models.Review.find({ proId: id }).sort({ _id: 1 }).lean<ReviewRecord[]>().exec();
}
