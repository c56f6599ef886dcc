import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MongoHandle } from '@leadgraph/db';
import { graphql, startTestDatabase } from '@leadgraph/testing';
import { proRatingModel } from '../src/models/pro-rating.ts';
import { reviewModel } from '../src/models/review.ts';
import { clearReviews, seedReviews, type CompletedLead } from '../src/seed/index.ts';
import { computeProRatings } from '../src/services/rating.ts';
import { setupReviews } from './helpers.ts';

let mongo: MongoHandle;
beforeAll(async () => {
  mongo = await startTestDatabase();
});
afterAll(() => mongo.stop());

/** A seeded random, so the run is the same every time. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1664525 + 1013904223) % 2 ** 32;
    return state / 2 ** 32;
  };
}

describe('seedReviews', () => {
  it('writes one review per completed lead in batches, with aggregates equal to a recomputation', async () => {
    const { db, url } = await setupReviews(mongo);
    const pros = Array.from({ length: 40 }, () => new Types.ObjectId());
    const random = seeded(7);
    const leads: CompletedLead[] = Array.from({ length: 3000 }, (_, i) => ({
      leadId: new Types.ObjectId(),
      clientId: new Types.ObjectId(),
      hiredProId: pros[i % pros.length]!,
      completedAt: new Date(Date.now() - 90 * 24 * 3600_000),
    }));
    const progress: number[] = [];
    const result = await seedReviews(db, leads, { share: 0.8, hiddenShare: 0.05, batchSize: 500, random, onProgress: (done) => progress.push(done) });
    expect(result.reviews).toBeGreaterThan(2000);
    expect(await reviewModel(db).countDocuments()).toBe(result.reviews);
    expect(progress.at(-1)).toBe(result.reviews);
    expect(await reviewModel(db).countDocuments({ hidden: true })).toBeGreaterThan(0);
    const stored = await proRatingModel(db).find({}).sort({ _id: 1 }).lean();
    expect(stored).toEqual(await computeProRatings(reviewModel(db)));

    // The subgraph reads the seeded data: newest first, the aggregate as the rating.
    const res = await graphql<{ reviews: { edges: Array<{ node: { createdAt: string } }> } }>(url, '{ reviews(first: 50) { edges { node { createdAt } } } }');
    expect(res.body.data?.reviews.edges).toHaveLength(50);

    // A second review for the same lead is refused by the index.
    await expect(seedReviews(db, leads.slice(0, 1))).rejects.toThrow();
    expect(await clearReviews(db)).toBeGreaterThan(result.reviews);
    expect(await reviewModel(db).countDocuments()).toBe(0);
  });
});
