import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MongoHandle } from '@leadgraph/db';
import { graphql, startTestDatabase } from '@leadgraph/testing';
import { proRatingModel } from '../src/models/pro-rating.ts';
import { reviewModel } from '../src/models/review.ts';
import { computeProRatings, recomputeProRatings } from '../src/services/rating.ts';
import { as, newId, setupReviews } from './helpers.ts';

let mongo: MongoHandle;
beforeAll(async () => {
  mongo = await startTestDatabase();
});
afterAll(() => mongo.stop());

const WRITE = 'mutation ($input: WriteReviewInput!) { writeReview(input: $input) { id } }';
const HIDE = 'mutation ($input: HideReviewInput!) { hideReview(input: $input) { id } }';

describe('pro ratings', () => {
  it('stay equal to a recomputation after 50 concurrent reviews and concurrent hides', async () => {
    const { url, db, peer } = await setupReviews(mongo);
    const pros = [newId(), newId(), newId()];
    const writes = Array.from({ length: 50 }, async (_, i) => {
      const client = newId();
      const leadId = await peer.completedLead(client, pros[i % pros.length]!);
      return graphql<{ writeReview: { id: string } }>(
        url,
        WRITE,
        { input: { leadId, rating: (i % 5) + 1, body: `Review number ${i} of the test.` } },
        as(client, 'client'),
      );
    });
    const written = await Promise.all(writes);
    expect(written.every((r) => r.body.errors === undefined)).toBe(true);
    const admin = newId();
    const hides = written.slice(0, 10).map((r) =>
      graphql(url, HIDE, { input: { reviewId: r.body.data!.writeReview.id, reason: 'Test hide' } }, as(admin, 'admin')),
    );
    await Promise.all(hides);

    const stored = await proRatingModel(db).find({}).sort({ _id: 1 }).lean();
    const recomputed = await computeProRatings(reviewModel(db));
    expect(stored).toEqual(recomputed);
    expect(recomputed.reduce((sum, r) => sum + r.count, 0)).toBe(40);

    type Entity = { rating: { average: number | null; count: number; distribution: Array<{ stars: number; count: number }> } };
    const res = await graphql<{ _entities: Entity[] }>(
      url,
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { rating { average count distribution { stars count } } } } }',
      { r: pros.map((id) => ({ __typename: 'User', id })) },
    );
    const byPro = new Map(recomputed.map((r) => [r._id.toHexString(), r]));
    for (const [i, pro] of pros.entries()) {
      const expected = byPro.get(pro)!;
      expect(res.body.data?._entities[i]?.rating).toEqual({
        average: expected.sum / expected.count,
        count: expected.count,
        distribution: [1, 2, 3, 4, 5].map((stars) => ({ stars, count: expected[`s${stars}` as 's1'] })),
      });
    }
  });

  it('has no average and zero counts for a pro nobody reviewed', async () => {
    const { url } = await setupReviews(mongo);
    const res = await graphql(url, 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { rating { average count distribution { count } } } } }', {
      r: [{ __typename: 'User', id: newId() }],
    });
    expect(res.body).toEqual({ data: { _entities: [{ rating: { average: null, count: 0, distribution: Array(5).fill({ count: 0 }) } }] } });
  });

  it('recomputeProRatings repairs a drifted aggregate from the reviews', async () => {
    const { db, url, peer } = await setupReviews(mongo);
    const [client, pro] = [newId(), newId()];
    const leadId = await peer.completedLead(client, pro);
    await graphql(url, WRITE, { input: { leadId, rating: 4, body: 'Fine work, thank you.' } }, as(client, 'client'));
    await proRatingModel(db).updateOne({ _id: new Types.ObjectId(pro) }, { $inc: { count: 3, sum: 2 } });
    await recomputeProRatings(reviewModel(db), proRatingModel(db), [new Types.ObjectId(pro), new Types.ObjectId()]);
    const stored = await proRatingModel(db).find({}).sort({ _id: 1 }).lean();
    expect(stored.find((r) => r._id.toHexString() === pro)).toEqual({ _id: new Types.ObjectId(pro), count: 1, sum: 4, s1: 0, s2: 0, s3: 0, s4: 1, s5: 0 });
    expect(stored.filter((r) => r._id.toHexString() !== pro).map((r) => r.count)).toEqual([0]);
  });
});
