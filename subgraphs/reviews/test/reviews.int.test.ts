import { readFile } from 'node:fs/promises';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { resolveMongo, type MongoHandle } from '@leadgraph/db';
import { graphql, sdlTypeShapes, startSubgraphUnderTest, startTestDatabase } from '@leadgraph/testing';
import { createReview, createReviews } from '../src/seed/index.ts';
import { startSubgraph } from '../src/server.ts';

let mongo: MongoHandle;
beforeAll(async () => {
  mongo = await startTestDatabase();
});
afterAll(() => mongo.stop());

/** A subgraph on its own database, and a connection to seed it; both torn down after the test. */
const setup = (handle: MongoHandle = mongo) => startSubgraphUnderTest(startSubgraph, handle, 'reviews');

const newId = () => new mongoose.Types.ObjectId().toHexString();

describe('reviews subgraph', () => {
  it('serves its SDL through _service', async () => {
    const { url } = await setup();
    const res = await graphql<{ _service: { sdl: string } }>(url, '{ _service { sdl } }');
    const file = await readFile(new URL('../../../schema/reviews.graphql', import.meta.url), 'utf8');
    const served = res.body.data?._service.sdl ?? '';
    expect(sdlTypeShapes(served)).toMatchObject(sdlTypeShapes(file));
    expect(served).toMatch(/type Review\s+@key\(fields: "id"\)/);
  });

  it('finds a review with its author and pro references, null for an unknown id', async () => {
    const { url, db } = await setup();
    const [authorId, proId] = [newId(), newId()];
    const review = await createReview(db, { authorId, proId, rating: 5, body: 'Outstanding from start to finish!' });
    const query = 'query ($id: ID!) { review(id: $id) { id rating body createdAt author { id } pro { id } } }';
    const found = await graphql(url, query, { id: review._id.toHexString() });
    expect(found.body).toEqual({
      data: {
        review: {
          id: review._id.toHexString(),
          rating: 5,
          body: 'Outstanding from start to finish!',
          createdAt: review.createdAt.toISOString(),
          author: { id: authorId },
          pro: { id: proId },
        },
      },
    });
    expect((await graphql(url, query, { id: newId() })).body).toEqual({ data: { review: null } });
  });

  it('rejects an id that is not an ObjectId with BAD_USER_INPUT', async () => {
    const { url } = await setup();
    const res = await graphql(url, '{ review(id: "zzzzzzzzzzzzzzzzzzzzzzzz") { id } }');
    expect(res.body.errors?.[0]).toMatchObject({ message: 'Invalid review id', extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('pages through reviews newest first and rejects a foreign cursor', async () => {
    const { url, db } = await setup();
    const reviews = await createReviews(db, Array.from({ length: 3 }, () => ({ authorId: newId(), proId: newId() })));
    type Page = { reviews: { edges: Array<{ node: { id: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string } } };
    const query = 'query ($after: String) { reviews(first: 2, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }';
    const first = await graphql<Page>(url, query);
    const second = await graphql<Page>(url, query, { after: first.body.data?.reviews.pageInfo.endCursor });
    const ids = [...(first.body.data?.reviews.edges ?? []), ...(second.body.data?.reviews.edges ?? [])].map((e) => e.node.id);
    expect(ids).toEqual(reviews.map((r) => r._id.toHexString()).reverse());
    expect(second.body.data?.reviews.pageInfo.hasNextPage).toBe(false);
    const bad = await graphql(url, '{ reviews(after: "not-a-cursor") { edges { cursor } } }');
    expect(bad.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_CURSOR' });
  });

  it('contributes User.reviews (about a pro) and User.reviewsWritten (by a client)', async () => {
    const { url, db } = await setup();
    const [client, pro, otherPro] = [newId(), newId(), newId()];
    const [aboutPro, byClientElsewhere] = await createReviews(db, [
      { authorId: client, proId: pro },
      { authorId: client, proId: otherPro },
    ]);
    await createReview(db, { authorId: newId(), proId: otherPro });
    type Entity = { id: string; reviews: { edges: Array<{ node: { id: string } }> }; reviewsWritten: { edges: Array<{ node: { id: string } }> } };
    const res = await graphql<{ _entities: Entity[] }>(
      url,
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { id reviews { edges { node { id } } } reviewsWritten { edges { node { id } } } } } }',
      { r: [{ __typename: 'User', id: pro }, { __typename: 'User', id: client }] },
    );
    const [proEntity, clientEntity] = res.body.data?._entities ?? [];
    const ids = (c?: { edges: Array<{ node: { id: string } }> }) => c?.edges.map((e) => e.node.id);
    expect(ids(proEntity?.reviews)).toEqual([aboutPro!._id.toHexString()]);
    expect(ids(proEntity?.reviewsWritten)).toEqual([]);
    expect(ids(clientEntity?.reviews)).toEqual([]);
    expect(ids(clientEntity?.reviewsWritten)).toEqual([byClientElsewhere!._id.toHexString(), aboutPro!._id.toHexString()]);
  });

  it('resolves Review references in key order, null for unknown, with one database query', async () => {
    const { url, db } = await setup();
    const reviews = await createReviews(db, Array.from({ length: 3 }, () => ({ authorId: newId(), proId: newId() })));
    const ids = [reviews[2], reviews[0], reviews[1]].map((r) => r!._id.toHexString());
    const finds: string[] = [];
    mongoose.set('debug', (collection: string, method: string) => {
      if (collection === 'reviews') finds.push(method);
    });
    onTestFinished(() => void mongoose.set('debug', false));
    const unknown = newId();
    const res = await graphql<{ _entities: Array<{ id: string } | null> }>(
      url,
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Review { id rating } } }',
      { r: [...ids, unknown].map((id) => ({ __typename: 'Review', id })) },
    );
    expect(res.body.data?._entities.map((e) => e?.id ?? null)).toEqual([...ids, null]);
    expect(finds).toEqual(['find']);
  });

  it('reports health: 200 with its database, 503 without', async () => {
    const own = await resolveMongo({ port: 0 });
    const { base } = await setup(own);
    expect((await fetch(`${base}/health`)).status).toBe(200);
    await own.stop();
    const down = await fetch(`${base}/health`);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ status: 'unavailable', database: 'unreachable' });
  });
});
