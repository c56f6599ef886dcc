import { readFile } from 'node:fs/promises';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { resolveMongo, type MongoHandle } from '@leadgraph/db';
import { DEV_IDENTITY_SIGNING_KEY, IDENTITY_HEADER, signAssertion, type Identity } from '@leadgraph/identity';
import { graphql, sdlTypeShapes, startSubgraphUnderTest, startTestDatabase } from '@leadgraph/testing';
import { createDataSubjectRequest } from '../src/seed/index.ts';
import { startSubgraph } from '../src/server.ts';

let mongo: MongoHandle;
beforeAll(async () => {
  mongo = await startTestDatabase();
});
afterAll(() => mongo.stop());

/** A subgraph on its own database, and a connection to seed it; both torn down after the test. */
const setup = (handle: MongoHandle = mongo) => startSubgraphUnderTest(startSubgraph, handle, 'privacy');

const newId = () => new mongoose.Types.ObjectId().toHexString();

/** The header the gateway would send for `identity`, signed with the development key. */
function as(identity: Partial<Identity>): Record<string, string> {
  const full: Identity = { userId: null, role: null, sessionId: 's', authenticatedAt: Date.now(), scopes: [], clientIp: null, ...identity };
  return { [IDENTITY_HEADER]: signAssertion(full, DEV_IDENTITY_SIGNING_KEY) };
}

const PENDING = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { id pendingDataSubjectRequests } } }';
type Pending = { _entities: Array<{ id: string; pendingDataSubjectRequests: number | null }> };

describe('privacy subgraph', () => {
  it('serves its SDL through _service', async () => {
    const { url } = await setup();
    const res = await graphql<{ _service: { sdl: string } }>(url, '{ _service { sdl } }');
    const file = await readFile(new URL('../../../schema/privacy.graphql', import.meta.url), 'utf8');
    const served = res.body.data?._service.sdl ?? '';
    expect(sdlTypeShapes(served)).toMatchObject(sdlTypeShapes(file));
    expect(served).toMatch(/type User\s+@key\(fields: "id"\)/);
  });

  it('reports its own status', async () => {
    const { url } = await setup();
    const res = await graphql(url, '{ privacyService { service health databaseReachable } }');
    expect(res.body).toEqual({ data: { privacyService: { service: 'privacy', health: 'OK', databaseReachable: true } } });
  });

  it('counts pending requests for the subject themself and for admins, in one aggregation', async () => {
    const { url, db } = await setup();
    const [alice, bob] = [newId(), newId()];
    await createDataSubjectRequest(db, { subjectId: alice, kind: 'access' });
    await createDataSubjectRequest(db, { subjectId: alice, kind: 'erasure', status: 'verifying' });
    await createDataSubjectRequest(db, { subjectId: alice, kind: 'access', status: 'completed' });
    const calls: string[] = [];
    // The reads this request makes; the retention job may write (deleteMany) in the background meanwhile.
    const WRITES = new Set(['deleteMany', 'deleteOne', 'updateMany', 'updateOne', 'insertOne', 'insertMany', 'bulkWrite']);
    mongoose.set('debug', (collection: string, method: string) => {
      if (collection === 'data_subject_requests' && !WRITES.has(method)) calls.push(method);
    });
    onTestFinished(() => void mongoose.set('debug', false));
    const r = [alice, bob].map((id) => ({ __typename: 'User', id }));
    const admin = await graphql<Pending>(url, PENDING, { r }, as({ userId: newId(), role: 'admin' }));
    expect(admin.body.data?._entities).toEqual([
      { id: alice, pendingDataSubjectRequests: 2 },
      { id: bob, pendingDataSubjectRequests: 0 },
    ]);
    expect(calls).toEqual(['aggregate']);
    const self = await graphql<Pending>(url, PENDING, { r }, as({ userId: alice, role: 'client' }));
    expect(self.body.data?._entities).toEqual([
      { id: alice, pendingDataSubjectRequests: 2 },
      { id: bob, pendingDataSubjectRequests: null },
    ]);
  });

  it('hides the count from anonymous callers and forged assertions', async () => {
    const { url, db } = await setup();
    const alice = newId();
    await createDataSubjectRequest(db, { subjectId: alice });
    const r = [{ __typename: 'User', id: alice }];
    const anonymous = await graphql<Pending>(url, PENDING, { r });
    expect(anonymous.body.data?._entities).toEqual([{ id: alice, pendingDataSubjectRequests: null }]);
    const forged = signAssertion(
      { userId: alice, role: 'admin', sessionId: 's', authenticatedAt: Date.now(), scopes: [], clientIp: null },
      'x'.repeat(32),
    );
    const wrongKey = await graphql<Pending>(url, PENDING, { r }, { [IDENTITY_HEADER]: forged });
    expect(wrongKey.body.data?._entities).toEqual([{ id: alice, pendingDataSubjectRequests: null }]);
  });

  it('rejects a User reference that is not an ObjectId with BAD_USER_INPUT', async () => {
    const { url } = await setup();
    const res = await graphql(url, PENDING, { r: [{ __typename: 'User', id: 'nope' }] });
    expect(res.body.errors?.[0]).toMatchObject({ message: 'Invalid user id', extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('reports health: 200 with its database, 503 without', async () => {
    const own = await resolveMongo({ port: 0 });
    const { base, url } = await setup(own);
    expect((await fetch(`${base}/health`)).status).toBe(200);
    await own.stop();
    const down = await fetch(`${base}/health`);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ status: 'unavailable', database: 'unreachable' });
    const status = await graphql(url, '{ privacyService { health databaseReachable } }');
    expect(status.body).toEqual({ data: { privacyService: { health: 'DEGRADED', databaseReachable: false } } });
  });
});
