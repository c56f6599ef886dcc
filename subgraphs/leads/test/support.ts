import mongoose, { type Connection } from 'mongoose';
import { onTestFinished } from 'vitest';
import { connectDatabase, type MongoHandle } from '@leadgraph/db';
import { DEV_IDENTITY_SIGNING_KEY, IDENTITY_HEADER, signAssertion, type Identity, type Role } from '@leadgraph/identity';
import { startSubgraph as startPrivacy } from '@leadgraph/subgraph-privacy';
import { startSubgraph as startUsers } from '@leadgraph/subgraph-users';
import { createUser, fakeProProfile } from '@leadgraph/subgraph-users/seed';
import { graphql, startSubgraphUnderTest, uniqueDbName } from '@leadgraph/testing';
import type { ProMatchProfile } from '../src/peers/users-client.ts';
import { startSubgraph } from '../src/server.ts';

export const newId = () => new mongoose.Types.ObjectId().toHexString();

/**
 * The real users subgraph (contracts C1 and C2) on its own database, in this process (with the
 * privacy subgraph it consults for restricted pros), with a
 * connection to that database to create accounts and read its mail outbox. Its mail worker
 * polls rarely and its SMTP target is closed: queued mails stay in `mail_outbox`.
 */
export interface UsersUnderTest {
  /** Its GraphQL endpoint (changes on `restart`). */
  url: string;
  db: Connection;
  /** Stops it (a users outage); `restart` brings it back on a new port. */
  stop(): Promise<void>;
  restart(): Promise<void>;
}

export async function startRealUsers(mongo: MongoHandle): Promise<UsersUnderTest> {
  // Users asks the privacy subgraph whether a pro's processing is restricted (and fails closed),
  // so a real privacy subgraph runs beside it, on its own database, without its retention jobs.
  const privacy = await startPrivacy({ mongoUri: mongo.uri, dbName: uniqueDbName('privacy'), schedulerPollMs: false });
  const privacyUrl = `${privacy.url}/graphql`;
  const dbName = uniqueDbName('users');
  const start = () =>
    startUsers({
      mongoUri: mongo.uri,
      dbName,
      mailIntervalMs: 60_000,
      smtpUrl: 'smtp://127.0.0.1:9',
      peerUrl: (peer) => (peer === 'privacy' ? privacyUrl : 'http://127.0.0.1:9/graphql'),
    });
  let running: Awaited<ReturnType<typeof startUsers>> | null = await start();
  const db = await connectDatabase(mongo.uri, dbName);
  const handle: UsersUnderTest = {
    url: `${running.url}/graphql`,
    db,
    async stop() {
      await running?.stop();
      running = null;
    },
    async restart() {
      running = await start();
      handle.url = `${running.url}/graphql`;
    },
  };
  onTestFinished(async () => {
    await db.close();
    await running?.stop();
    await privacy.stop();
  });
  return handle;
}

/** A service mail queued in the users subgraph's outbox: its recipient, the leads dedupeKey and the template. */
export interface QueuedMail {
  recipientId: string;
  key: string;
  template: string;
}

/** The service mails users queued so far (users scopes each key as `service:<recipient>:<key>`), oldest first. */
export async function queuedMails(users: UsersUnderTest): Promise<QueuedMail[]> {
  const docs = await users.db.collection('mail_outbox').find({}).sort({ _id: 1 }).toArray();
  return docs.flatMap((doc) => {
    const match = /^service:([0-9a-f]{24}):(.+)$/.exec(String(doc.dedupeKey));
    return match === null ? [] : [{ recipientId: match[1]!, key: match[2]!, template: String(doc.template) }];
  });
}

/** The leads subgraph on its own database, calling the real users subgraph; all stopped after the test. */
export async function setupLeads(
  mongo: MongoHandle,
  allOptions: {
    maxResponsesPerLead?: number;
    expirySweepMs?: number;
    notificationRetryMs?: number;
    schedulerPollMs?: number | false;
    statisticsMinGroupSize?: number;
    /** A real reviews subgraph's GraphQL URL (partner statistics); default none (a closed port). */
    reviewsUrl?: string;
  } = {},
) {
  const { reviewsUrl = 'http://127.0.0.1:9/graphql', ...options } = allOptions;
  const users = await startRealUsers(mongo);
  const subgraph = await startSubgraphUnderTest(
    (o) =>
      startSubgraph({
        ...o,
        // Read per call: `users.restart()` moves it to a new port.
        peerUrl: (peer) => (peer === 'users' ? users.url : peer === 'reviews' ? reviewsUrl : 'http://127.0.0.1:9/graphql'),
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

/**
 * A pro account in users with a profile serving these categories and areas: VERIFIED, or
 * PENDING when `matchable: false` (then users reports it as not matchable).
 */
export async function verifiedPro(
  users: UsersUnderTest,
  url: string,
  profile: Partial<Omit<ProMatchProfile, 'proId'>> = {},
): Promise<ReturnType<typeof caller>> {
  const user = await createUser(users.db, {
    role: 'pro',
    proProfile: fakeProProfile({
      status: profile.matchable === false ? 'PENDING' : 'VERIFIED',
      categories: profile.categories ?? ['MOVING'],
      serviceAreas: profile.serviceAreas ?? [{ countryCode: 'FR', postalPrefix: '75' }],
    }),
  });
  return caller(url, 'pro', user._id.toHexString());
}

/** A client account in users (with a confirmed address, so service mails are queued for it). */
export async function clientAccount(users: UsersUnderTest, url: string): Promise<ReturnType<typeof caller>> {
  const user = await createUser(users.db, { role: 'client' });
  return caller(url, 'client', user._id.toHexString());
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

/** Polls `check` every 50 ms until it returns a value other than undefined, or fails after `ms` (generous: the suite shares two cores). */
export async function eventually<T>(check: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
