import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSchema, graphql as execute } from 'graphql';
import mongoose from 'mongoose';
import { onTestFinished } from 'vitest';
import type { MongoHandle } from '@leadgraph/db';
import { DEV_IDENTITY_SIGNING_KEY, IDENTITY_HEADER, identityFromHeaders, signAssertion, type Identity, type Role } from '@leadgraph/identity';
import { graphql, startSubgraphUnderTest } from '@leadgraph/testing';
import type { ProMatchProfile, ServiceMessage } from '../src/peers/users-client.ts';
import { startSubgraph } from '../src/server.ts';

export const newId = () => new mongoose.Types.ObjectId().toHexString();

/**
 * A stand-in for the users subgraph's two service fields (contracts C1 and C2), used because
 * the users subgraph does not serve them yet on the committed tree. It checks the caller's
 * signed service identity like the real one, keeps the profiles a test sets and records every
 * service message; `down` makes it answer 503 (a users outage).
 */
export interface FakeUsers {
  url: string;
  profiles: Map<string, ProMatchProfile>;
  messages: ServiceMessage[];
  /** How many C1 calls it answered. */
  profileCalls: number;
  down: boolean;
}

const FAKE_SDL = /* GraphQL */ `
  type ServiceAreaValue { countryCode: String! postalPrefix: String! }
  type ProMatchProfile { proId: ID! matchable: Boolean! categories: [String!]! serviceAreas: [ServiceAreaValue!]! }
  input ServiceMessageInput {
    recipientId: ID! kind: String! leadId: ID leadTitle: String counterpartId: ID requestId: ID requestStatus: String dedupeKey: String!
  }
  type Query { proMatchProfiles(ids: [ID!]!): [ProMatchProfile!]! }
  type Mutation { sendServiceMessage(input: ServiceMessageInput!): Boolean! }
`;

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startFakeUsers(): Promise<FakeUsers> {
  const schema = buildSchema(FAKE_SDL);
  const state: Omit<FakeUsers, 'url'> = { profiles: new Map(), messages: [], profileCalls: 0, down: false };
  const root = {
    proMatchProfiles: ({ ids }: { ids: string[] }) => {
      state.profileCalls += 1;
      return ids.flatMap((id) => state.profiles.get(id) ?? []);
    },
    sendServiceMessage: ({ input }: { input: ServiceMessage }) => {
      state.messages.push({ ...input });
      return true;
    },
  };
  const server = createServer(async (req, res) => {
    const body = JSON.parse(await readBody(req)) as { query: string; variables?: Record<string, unknown> };
    const identity = identityFromHeaders(req.headers, DEV_IDENTITY_SIGNING_KEY);
    res.setHeader('content-type', 'application/json');
    if (state.down) {
      res.statusCode = 503;
      res.end(JSON.stringify({ errors: [{ message: 'down', extensions: { code: 'UNAVAILABLE' } }] }));
      return;
    }
    if (identity.role !== 'service') {
      res.end(JSON.stringify({ errors: [{ message: 'forbidden', extensions: { code: 'FORBIDDEN' } }] }));
      return;
    }
    const result = await execute({ schema, source: body.query, variableValues: body.variables ?? {}, rootValue: root });
    res.end(JSON.stringify(result));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, { url: `http://127.0.0.1:${port}/graphql` });
}

/** The leads subgraph on its own database, calling the fake users; both stopped after the test. */
export async function setupLeads(
  mongo: MongoHandle,
  options: { maxResponsesPerLead?: number; expirySweepMs?: number; notificationRetryMs?: number } = {},
) {
  const users = await startFakeUsers();
  const subgraph = await startSubgraphUnderTest(
    (o) =>
      startSubgraph({
        ...o,
        peerUrl: (peer) => (peer === 'users' ? users.url : 'http://127.0.0.1:9/graphql'),
        ...options,
      }),
    mongo,
    'leads',
  );
  return { ...subgraph, users };
}

/** A signed-in caller: GraphQL over HTTP with a signed identity assertion. */
export function caller(url: string, role: Role | 'service', userId: string | null = newId()) {
  const identity: Identity = { userId, role, sessionId: 'test-session', authenticatedAt: Date.now(), scopes: [], clientIp: null };
  const headers = { [IDENTITY_HEADER]: signAssertion(identity, DEV_IDENTITY_SIGNING_KEY) };
  return {
    id: userId ?? '',
    ask: <T = unknown>(query: string, variables?: Record<string, unknown>, extra: Record<string, string> = {}) =>
      graphql<T>(url, query, variables, { ...headers, ...extra }),
  };
}

/** A verified pro serving these categories and areas (registered in the fake users). */
export function verifiedPro(
  users: FakeUsers,
  url: string,
  profile: Partial<Omit<ProMatchProfile, 'proId'>> = {},
): ReturnType<typeof caller> {
  const pro = caller(url, 'pro');
  users.profiles.set(pro.id, {
    proId: pro.id,
    matchable: profile.matchable ?? true,
    categories: profile.categories ?? ['MOVING'],
    serviceAreas: profile.serviceAreas ?? [{ countryCode: 'FR', postalPrefix: '75' }],
  });
  return pro;
}

const DAY_MS = 24 * 60 * 60 * 1000;
export const inDays = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString().slice(0, 10);

/** A valid `postLead` input (MOVING in Paris 75011), with `overrides` merged in at the top level. */
export function leadInput(overrides: Record<string, unknown> = {}) {
  return {
    category: 'MOVING',
    title: 'Move a 2-bedroom flat',
    description: 'Two bedrooms, third floor, no lift. About 30 boxes and a piano.',
    dates: { fixed: { startDate: inDays(10), endDate: inDays(11) } },
    location: { countryCode: 'FR', city: 'Paris', postalCode: '75011', address: '12 Rue Oberkampf' },
    budget: { min: 50000, max: 120000, currency: 'EUR' },
    details: [{ key: 'floor', value: '3' }],
    contact: { email: 'jeanne.martin@example.com', phone: '+33 6 12 34 56 78' },
    ...overrides,
  };
}

export const POST_LEAD = /* GraphQL */ `
  mutation ($input: PostLeadInput!) { postLead(input: $input) { id status title } }
`;
export const RESPOND = /* GraphQL */ `
  mutation ($input: RespondToLeadInput!) { respondToLead(input: $input) { id } }
`;

/** Posts a lead as `client` and returns its id. */
export async function postLeadAs(client: ReturnType<typeof caller>, overrides: Record<string, unknown> = {}): Promise<string> {
  const res = await client.ask<{ postLead: { id: string } }>(POST_LEAD, { input: leadInput(overrides) });
  const id = res.body.data?.postLead.id;
  if (id === undefined) throw new Error(`postLead failed: ${JSON.stringify(res.body.errors)}`);
  return id;
}

/** Responds to `leadId` as `pro` and returns the response id. */
export async function respondAs(pro: ReturnType<typeof caller>, leadId: string): Promise<string> {
  const res = await pro.ask<{ respondToLead: { id: string } }>(RESPOND, {
    input: { leadId, quote: { amount: 90000, currency: 'EUR' }, message: 'I can do it on your dates.' },
  });
  const id = res.body.data?.respondToLead.id;
  if (id === undefined) throw new Error(`respondToLead failed: ${JSON.stringify(res.body.errors)}`);
  return id;
}

/** Polls `check` every 50 ms until it returns a value other than undefined, or fails after `ms`. */
export async function eventually<T>(check: () => Promise<T | undefined>, ms = 5000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
