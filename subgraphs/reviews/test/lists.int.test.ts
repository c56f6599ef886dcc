import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { MongoHandle } from '@leadgraph/db';
import { graphql, startTestDatabase } from '@leadgraph/testing';
import { createReviews } from '../src/seed/index.ts';
import { as, newId, setupReviews } from './helpers.ts';

let mongo: MongoHandle;
beforeAll(async () => {
  mongo = await startTestDatabase();
});
afterAll(() => mongo.stop());

type Page = { edges: Array<{ cursor: string; node: { id: string; rating: number } }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } };

/** Counts the database operations on this subgraph's collections while `run` runs. */
async function countDbOperations(run: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  mongoose.set('debug', (collection: string, method: string) => {
    if (['reviews', 'pro_ratings'].includes(collection)) seen.push(`${collection}.${method}`);
  });
  onTestFinished(() => void mongoose.set('debug', false));
  await run();
  mongoose.set('debug', false);
  return seen;
}

describe('review lists', () => {
  it('filters by rating and minimum rating, newest first, and pages stably across pages', async () => {
    const { url, db } = await setupReviews(mongo);
    const pro = newId();
    const reviews = await createReviews(
      db,
      Array.from({ length: 12 }, (_, i) => ({ authorId: newId(), proId: pro, rating: (i % 5) + 1 })),
    );
    const query = `query ($id: ID!, $after: String, $filter: ReviewFilter) {
      _entities(representations: [{ __typename: "User", id: $id }]) { ... on User { reviews(first: 2, after: $after, filter: $filter) {
        edges { cursor node { id rating } } pageInfo { hasNextPage endCursor } } } }
    }`;
    const all = async (filter: Record<string, unknown>) => {
      const ids: string[] = [];
      let after: string | null = null;
      for (;;) {
        const res: { body: { data?: { _entities: Array<{ reviews: Page }> } } } = await graphql(url, query, { id: pro, after, filter });
        const page: Page = res.body.data!._entities[0]!.reviews;
        ids.push(...page.edges.map((e) => e.node.id));
        if (!page.pageInfo.hasNextPage) return ids;
        after = page.pageInfo.endCursor;
      }
    };
    const newestFirst = [...reviews].reverse();
    expect(await all({ rating: 5 })).toEqual(newestFirst.filter((r) => r.rating === 5).map((r) => r._id.toHexString()));
    expect(await all({ minRating: 4 })).toEqual(newestFirst.filter((r) => r.rating >= 4).map((r) => r._id.toHexString()));
    expect(await all({})).toEqual(newestFirst.map((r) => r._id.toHexString()));
    const bad = await graphql(url, '{ reviews(filter: { rating: 6 }) { edges { cursor } } }');
    expect(bad.body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'INVALID_INPUT', fields: ['rating'] });
    const tooMany = await graphql(url, '{ reviews(first: 101) { edges { cursor } } }');
    expect(tooMany.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PAGE_SIZE_OUT_OF_RANGE' });
  });

  it('reads the same number of times for 10 reviews as for 100 (reviews, User.reviews, User.rating)', async () => {
    const { url, db } = await setupReviews(mongo);
    const pros = [newId(), newId(), newId()];
    await createReviews(
      db,
      Array.from({ length: 150 }, (_, i) => ({ authorId: newId(), proId: pros[i % 3]!, rating: (i % 5) + 1 })),
    );
    const fields = 'edges { node { id rating body createdAt authorId author { id } proId pro { id } reply { body } moderation { hidden } } } pageInfo { hasNextPage }';
    const root = (first: number) => `{ reviews(first: ${first}) { ${fields} } }`;
    const entity = (first: number) =>
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { rating { average } reviews(first: ${first}) { ${fields} } } } }`;
    const representations = { r: [{ __typename: 'User', id: pros[0] }] };

    const ops = async (query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) =>
      countDbOperations(async () => {
        const res = await graphql(url, query, variables, headers);
        expect(res.body.errors).toBeUndefined();
      });
    const admin = as(newId(), 'admin');
    expect(await ops(root(10))).toEqual(['reviews.find']);
    expect(await ops(root(100))).toEqual(await ops(root(10)));
    expect(await ops(root(100), undefined, admin)).toEqual(['reviews.find']);
    const tenOfOne = await ops(entity(10), representations);
    expect(tenOfOne.sort()).toEqual(['pro_ratings.find', 'reviews.find']);
    expect((await ops(entity(50), representations)).sort()).toEqual(tenOfOne);
    // Three pros' ratings: still one query for the ratings (one list query per pro's reviews).
    const three = await ops('query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { rating { count } } } }', {
      r: pros.map((id) => ({ __typename: 'User', id })),
    });
    expect(three).toEqual(['pro_ratings.find']);
  });

  it('shows everyone, signed in or not, the same public reviews', async () => {
    const { url, db } = await setupReviews(mongo);
    await createReviews(db, [{ authorId: newId(), proId: newId() }, { authorId: newId(), proId: newId(), hidden: true }]);
    const query = '{ reviews { edges { node { id body moderation { hidden } } } } }';
    const anonymous = await graphql<{ reviews: Page }>(url, query);
    const client = await graphql<{ reviews: Page }>(url, query, undefined, as(newId(), 'client'));
    expect(anonymous.body.data?.reviews.edges).toHaveLength(1);
    expect(client.body).toEqual(anonymous.body);
  });
});
