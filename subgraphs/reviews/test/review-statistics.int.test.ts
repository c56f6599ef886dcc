import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Types } from 'mongoose';
import type { MongoHandle } from '@leadgraph/db';
import { IDENTITY_HEADER, signAssertion } from '@leadgraph/identity';
import { graphql, startSubgraphUnderTest, startTestDatabase } from '@leadgraph/testing';
import { createReviews } from '../src/seed/index.ts';
import { startSubgraph } from '../src/server.ts';
import { KEY, as, newId } from './helpers.ts';

let mongo: MongoHandle;
beforeAll(async () => {
  mongo = await startTestDatabase();
});
afterAll(() => mongo.stop());

const QUERY = /* GraphQL */ `
  query ($input: ReviewStatisticsInput!) { reviewStatistics(input: $input) { key reviewCount distinctAuthors averageRating } }
`;
const service = { [IDENTITY_HEADER]: signAssertion({ userId: null, role: 'service', sessionId: null, authenticatedAt: null, scopes: [], clientIp: null }, KEY, 60) };

describe('reviewStatistics (service only, for the leads subgraph partner statistics)', () => {
  it('aggregates per group, gives the average only from K distinct authors, leaves hidden reviews out', async () => {
    const { url, db } = await startSubgraphUnderTest((o) => startSubgraph({ ...o, identitySigningKey: KEY, peerUrl: () => 'http://127.0.0.1:9/graphql' }), mongo, 'reviews');
    const big = Array.from({ length: 4 }, () => new Types.ObjectId());
    const small = Array.from({ length: 4 }, () => new Types.ObjectId());
    const twice = newId();
    await createReviews(db, [
      ...big.map((leadId, i) => ({ leadId, authorId: newId(), proId: newId(), rating: [5, 4, 3, 4][i]! })),
      // 4 reviews but only 2 distinct authors, and one hidden review that does not count.
      ...small.map((leadId, i) => ({ leadId, authorId: i < 3 ? twice : newId(), proId: newId(), rating: 1, hidden: i === 0 })),
    ]);
    const res = await graphql(url, QUERY, {
      input: {
        minDistinctAuthors: 3,
        groups: [
          { key: 'MOVING', leadIds: big.map(String) },
          { key: 'CLEANING', leadIds: small.map(String) },
          { key: 'EMPTY', leadIds: [] },
        ],
      },
    }, service);
    expect(res.body).toEqual({
      data: {
        reviewStatistics: [
          { key: 'MOVING', reviewCount: 4, distinctAuthors: 4, averageRating: 4 },
          { key: 'CLEANING', reviewCount: 3, distinctAuthors: 2, averageRating: null },
          { key: 'EMPTY', reviewCount: 0, distinctAuthors: 0, averageRating: null },
        ],
      },
    });
  });

  it('is for services only, and refuses bad input', async () => {
    const { url } = await startSubgraphUnderTest((o) => startSubgraph({ ...o, identitySigningKey: KEY, peerUrl: () => 'http://127.0.0.1:9/graphql' }), mongo, 'reviews');
    const input = { minDistinctAuthors: 3, groups: [{ key: 'MOVING', leadIds: [newId()] }] };
    for (const role of ['admin', 'client'] as const) {
      const res = await graphql(url, QUERY, { input }, as(newId(), role));
      expect(res.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const badId = await graphql(url, QUERY, { input: { ...input, groups: [{ key: 'MOVING', leadIds: ['nope'] }] } }, service);
    expect(badId.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const badK = await graphql(url, QUERY, { input: { ...input, minDistinctAuthors: 1 } }, service);
    expect(badK.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
