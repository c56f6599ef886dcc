import { readFile } from 'node:fs/promises';
import { Kind, parse, print } from 'graphql';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { resolveMongo, type MongoHandle } from '@leadgraph/db';
import { graphql, sdlTypeShapes, startSubgraphUnderTest, startTestDatabase } from '@leadgraph/testing';
import { userModel } from '../src/models/user.ts';
import { createUser, createUsers } from '../src/seed/index.ts';
import { startSubgraph } from '../src/server.ts';
import { identityHeaders } from './helpers.ts';
import {
  UserByIdDocument,
  UserEntitiesDocument,
  type UserByIdQuery,
  type UserEntitiesQuery,
} from './operations/__generated__/operations.ts';

/** Listing users is for admins (`@access(rule: ROLE, roles: [ADMIN])`). */
const ADMIN = identityHeaders({ userId: new mongoose.Types.ObjectId().toHexString(), role: 'admin' });

let mongo: MongoHandle;
beforeAll(async () => {
  mongo = await startTestDatabase();
});
afterAll(() => mongo.stop());

/** A subgraph on its own database, and a connection to seed it; both torn down after the test. */
const setup = (handle: MongoHandle = mongo) => startSubgraphUnderTest(startSubgraph, handle, 'users');

describe('users subgraph', () => {
  it('serves its SDL through _service', async () => {
    const { url } = await setup();
    const res = await graphql<{ _service: { sdl: string } }>(url, '{ _service { sdl } }');
    const file = await readFile(new URL('../../../schema/users.graphql', import.meta.url), 'utf8');
    expect(res.status).toBe(200);
    const served = res.body.data?._service.sdl ?? '';
    expect(sdlTypeShapes(served)).toMatchObject(sdlTypeShapes(file));
    expect(served).toMatch(/type User\s+@key\(fields: "id"\)/);
  });

  it('finds a user by id and returns null for an unknown id', async () => {
    const { url, db } = await setup();
    const alice = await createUser(db, { name: 'Alice Martin', role: 'pro' });
    const query = print(UserByIdDocument);
    const found = await graphql<UserByIdQuery>(url, query, { id: alice._id.toHexString() });
    expect(found.body).toEqual({
      data: { user: { id: alice._id.toHexString(), name: 'Alice Martin', role: 'PRO', createdAt: alice.createdAt.toISOString() } },
    });
    const missing = await graphql(url, query, { id: new mongoose.Types.ObjectId().toHexString() });
    expect(missing.body).toEqual({ data: { user: null } });
  });

  it('rejects an id that is not an ObjectId with BAD_USER_INPUT', async () => {
    const { url } = await setup();
    const res = await graphql(url, '{ user(id: "not-an-id") { id } }');
    expect(res.body.data).toEqual({ user: null });
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors?.[0]).toMatchObject({ message: 'Invalid user id', extensions: { code: 'BAD_USER_INPUT' } });
    expect(JSON.stringify(res.body)).not.toMatch(/stack|at .*\.ts/);
  });

  it('pages through users newest first', async () => {
    const { url, db } = await setup();
    const created = await createUsers(db, 5);
    const newestFirst = created.map((u) => u._id.toHexString()).reverse();
    const query = 'query ($after: String) { users(first: 2, after: $after) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }';
    type Page = { users: { edges: Array<{ node: { id: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
    const seen: string[] = [];
    let after: string | null = null;
    const pages: boolean[] = [];
    for (let i = 0; i < 3; i += 1) {
      const res: Awaited<ReturnType<typeof graphql<Page>>> = await graphql<Page>(url, query, { after }, ADMIN);
      const page = res.body.data?.users;
      seen.push(...(page?.edges.map((e) => e.node.id) ?? []));
      pages.push(page?.pageInfo.hasNextPage ?? false);
      after = page?.pageInfo.endCursor ?? null;
    }
    expect(seen).toEqual(newestFirst);
    expect(pages).toEqual([true, true, false]);
  });

  it('caps the page size and rejects a foreign cursor', async () => {
    const { url } = await setup();
    const big = await graphql(url, '{ users(first: 101) { edges { cursor } } }', undefined, ADMIN);
    expect(big.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PAGE_SIZE_OUT_OF_RANGE' });
    const bad = await graphql(url, '{ users(after: "bm9wZQ") { edges { cursor } } }', undefined, ADMIN);
    expect(bad.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_CURSOR' });
  });

  it('lists users to admins only: UNAUTHENTICATED when anonymous, FORBIDDEN for a client or pro', async () => {
    const { url, db } = await setup();
    await createUsers(db, 2);
    const query = '{ users { edges { cursor } } }';
    const anonymous = await graphql(url, query);
    expect(anonymous.body.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    for (const role of ['client', 'pro'] as const) {
      const refused = await graphql(url, query, undefined, identityHeaders({ userId: new mongoose.Types.ObjectId().toHexString(), role }));
      expect(refused.body).toEqual({ data: null, errors: [expect.objectContaining({ extensions: { code: 'FORBIDDEN' } })] });
    }
  });

  it('resolves entity references in key order, null for unknown, with one database query', async () => {
    const { url, db } = await setup();
    const users = await createUsers(db, 3, { role: 'client' });
    // The seeding connection builds its indexes in the background: let it finish before counting.
    await userModel(db).init();
    const unknown = new mongoose.Types.ObjectId().toHexString();
    const ids = [users[2], users[0], users[1]].map((u) => u!._id.toHexString());
    const finds: string[] = [];
    mongoose.set('debug', (collection: string, method: string) => {
      if (collection === 'users') finds.push(method);
    });
    onTestFinished(() => void mongoose.set('debug', false));
    const res = await graphql<UserEntitiesQuery>(url, print(UserEntitiesDocument), {
      representations: [...ids, unknown].map((id) => ({ __typename: 'User', id })),
    });
    expect(res.body.data?._entities.map((e) => e?.id ?? null)).toEqual([...ids, null]);
    expect(finds).toEqual(['find']);
  });

  it('reports health: 200 with its database, 503 without', async () => {
    const own = await resolveMongo({ port: 0 });
    const { base } = await setup(own);
    const up = await fetch(`${base}/health`);
    expect(up.status).toBe(200);
    expect(await up.json()).toEqual({ status: 'ok', database: 'ok' });
    await own.stop();
    const down = await fetch(`${base}/health`);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ status: 'unavailable', database: 'unreachable' });
  });
});
