import { readFile } from 'node:fs/promises';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { resolveMongo, type MongoHandle } from '@leadgraph/db';
import { DEV_IDENTITY_SIGNING_KEY, IDENTITY_HEADER, signAssertion } from '@leadgraph/identity';
import { graphql, sdlTypeShapes, startSubgraphUnderTest, startTestDatabase } from '@leadgraph/testing';
import { createLead, createLeads } from '../src/seed/index.ts';
import { startSubgraph } from '../src/server.ts';

/** Leads are for signed-in users; these tests ask as an admin, who may see every lead (personal fields masked). */
function asAdmin<T = unknown>(url: string, query: string, variables?: Record<string, unknown>) {
  const identity = { userId: new mongoose.Types.ObjectId().toHexString(), role: 'admin' as const, sessionId: 'test-session', authenticatedAt: Date.now(), scopes: [], clientIp: null };
  return graphql<T>(url, query, variables, { [IDENTITY_HEADER]: signAssertion(identity, DEV_IDENTITY_SIGNING_KEY) });
}

/** As the user `userId` with `role`. */
function asUser<T = unknown>(url: string, userId: string, role: 'client' | 'pro', query: string, variables?: Record<string, unknown>) {
  const identity = { userId, role, sessionId: 'test-session', authenticatedAt: Date.now(), scopes: [], clientIp: null };
  return graphql<T>(url, query, variables, { [IDENTITY_HEADER]: signAssertion(identity, DEV_IDENTITY_SIGNING_KEY) });
}

let mongo: MongoHandle;
beforeAll(async () => {
  mongo = await startTestDatabase();
});
afterAll(() => mongo.stop());

/** A subgraph on its own database, and a connection to seed it; both torn down after the test. */
const setup = (handle: MongoHandle = mongo) => startSubgraphUnderTest((o) => startSubgraph({ ...o, peerUrl: () => 'http://127.0.0.1:9/graphql', schedulerPollMs: false }), handle, 'leads');

const newId = () => new mongoose.Types.ObjectId().toHexString();

describe('leads subgraph', () => {
  it('serves its SDL through _service', async () => {
    const { url } = await setup();
    const res = await graphql<{ _service: { sdl: string } }>(url, '{ _service { sdl } }');
    const file = await readFile(new URL('../../../schema/leads.graphql', import.meta.url), 'utf8');
    const served = res.body.data?._service.sdl ?? '';
    expect(sdlTypeShapes(served)).toMatchObject(sdlTypeShapes(file));
    expect(served).toMatch(/type Lead\s+@key\(fields: "id"\)/);
  });

  it('finds a lead with its client reference, null for an unknown id', async () => {
    const { url, db } = await setup();
    const clientId = newId();
    const lead = await createLead(db, { clientId, title: 'Move a 2-bedroom flat to Lyon', category: 'MOVING' });
    const query = 'query ($id: ID!) { lead(id: $id) { id title category createdAt client { id } } }';
    const found = await asAdmin(url, query, { id: lead._id.toHexString() });
    expect(found.body).toEqual({
      data: {
        lead: {
          id: lead._id.toHexString(),
          title: 'Move a 2-bedroom flat to Lyon',
          category: 'MOVING',
          createdAt: lead.createdAt.toISOString(),
          client: { id: clientId },
        },
      },
    });
    expect((await asAdmin(url, query, { id: newId() })).body).toEqual({ data: { lead: null } });
  });

  it('rejects an id that is not an ObjectId with BAD_USER_INPUT', async () => {
    const { url } = await setup();
    const res = await asAdmin(url, '{ lead(id: "42") { id } }');
    expect(res.body.errors?.[0]).toMatchObject({ message: 'Invalid lead id', extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('pages through leads newest first (admins) and caps the page size', async () => {
    const { url, db } = await setup();
    const base = Date.now() - 60_000;
    const leads = await createLeads(db, Array.from({ length: 3 }, (_, i) => ({ clientId: newId(), createdAt: new Date(base + i * 1000) })));
    type Page = { leads: { edges: Array<{ node: { id: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string } } };
    const first = await asAdmin<Page>(url, '{ leads(first: 2) { edges { node { id } } pageInfo { hasNextPage endCursor } } }');
    const after = first.body.data?.leads.pageInfo.endCursor;
    const second = await asAdmin<Page>(url, 'query ($after: String) { leads(first: 2, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }', { after });
    const ids = [...(first.body.data?.leads.edges ?? []), ...(second.body.data?.leads.edges ?? [])].map((e) => e.node.id);
    expect(ids).toEqual(leads.map((l) => l._id.toHexString()).reverse());
    expect(first.body.data?.leads.pageInfo.hasNextPage).toBe(true);
    expect(second.body.data?.leads.pageInfo.hasNextPage).toBe(false);
    const tooMany = await asAdmin(url, '{ leads(first: 0) { edges { cursor } } }');
    expect(tooMany.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PAGE_SIZE_OUT_OF_RANGE' });
  });

  it('contributes User.leads through _entities: only that client\'s leads, to that client only', async () => {
    const { url, db } = await setup();
    const [alice, bob] = [newId(), newId()];
    const base = Date.now() - 60_000;
    const aliceLeads = await createLeads(db, [{ clientId: alice, createdAt: new Date(base) }, { clientId: alice, createdAt: new Date(base + 1000) }]);
    await createLead(db, { clientId: bob });
    const asBob = await asUser<{ _entities: Array<{ leads: { edges: unknown[] } }> }>(
      url,
      bob,
      'client',
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { leads { edges { cursor } } } } }',
      { r: [{ __typename: 'User', id: alice }] },
    );
    expect(asBob.body.data?._entities[0]?.leads.edges).toEqual([]);
    const res = await asUser<{ _entities: Array<{ id: string; leads: { edges: Array<{ node: { id: string } }> } }> }>(
      url,
      alice,
      'client',
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { id leads { edges { node { id } } } } } }',
      { r: [{ __typename: 'User', id: alice }, { __typename: 'User', id: newId() }] },
    );
    const [first, second] = res.body.data?._entities ?? [];
    expect(first?.leads.edges.map((e) => e.node.id)).toEqual(aliceLeads.map((l) => l._id.toHexString()).reverse());
    expect(second?.leads.edges).toEqual([]);
  });

  it('resolves Lead references in key order, null for unknown, with one database query', async () => {
    const { url, db } = await setup();
    const leads = await createLeads(db, Array.from({ length: 3 }, () => ({ clientId: newId() })));
    const ids = [leads[1], leads[2], leads[0]].map((l) => l!._id.toHexString());
    const finds: string[] = [];
    mongoose.set('debug', (collection: string, method: string) => {
      if (collection === 'leads') finds.push(method);
    });
    onTestFinished(() => void mongoose.set('debug', false));
    const unknown = newId();
    const res = await asAdmin<{ _entities: Array<{ id: string } | null> }>(
      url,
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Lead { id title } } }',
      { r: [...ids, unknown].map((id) => ({ __typename: 'Lead', id })) },
    );
    expect(res.body.data?._entities.map((e) => e?.id ?? null)).toEqual([...ids, null]);
    expect(finds).toEqual(['find']);
  });

  it('refuses leads to an anonymous caller with UNAUTHENTICATED, without saying whether the lead exists', async () => {
    const { url, db } = await setup();
    const lead = await createLead(db, { clientId: newId() });
    const query = 'query ($id: ID!) { lead(id: $id) { id } }';
    const known = await graphql(url, query, { id: lead._id.toHexString() });
    const unknown = await graphql(url, query, { id: newId() });
    expect(known.body.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    expect(unknown.body).toEqual(known.body);
    const list = await graphql(url, '{ leads { edges { cursor } } }');
    expect(list.body.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
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
