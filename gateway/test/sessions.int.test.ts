import type { MongoHandle } from '@leadgraph/db';
import { createLogger } from '@leadgraph/logging';
import { startTestDatabase, uniqueDbName } from '@leadgraph/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type RunningGateway, type StartGatewayOptions } from '../src/server.ts';
import { CookieJar } from './cookie-jar.ts';
import { clientFor, codeOf } from './client.ts';
import { standInSupergraph, startStandInUsers, type StandInUsers } from './stand-in/users.ts';

// The gateway side of cookie sessions, against a stand-in users subgraph that creates real
// sessions in the users database (the journeys over the real platform are in accounts*.int.test.ts).
const signingKey = 'test-identity-key-with-at-least-32-chars';
let mongo: MongoHandle;
let users: StandInUsers;
let gateway: RunningGateway;
let graphqlUrl: string;
const started: RunningGateway[] = [];

async function start(extra: Partial<StartGatewayOptions> = {}): Promise<RunningGateway> {
  const running = await startGateway({
    subgraphs: { users: users.url, leads: users.url, reviews: users.url, privacy: users.url },
    supergraphSdl: standInSupergraph(users.url),
    identityKey: signingKey,
    mongoUri: mongo.uri,
    usersDbName: dbName,
    logger: createLogger('gateway-test', { level: 'silent' }),
    ...extra,
  });
  started.push(running);
  return running;
}

const dbName = uniqueDbName('gw_sessions');
beforeAll(async () => {
  mongo = await startTestDatabase();
  users = await startStandInUsers({ mongoUri: mongo.uri, dbName, signingKey });
  gateway = await start();
  graphqlUrl = `${gateway.url}/graphql`;
});
afterAll(async () => {
  await Promise.allSettled(started.map((running) => running.stop()));
  await users?.[Symbol.asyncDispose]();
  await mongo?.stop();
});

const SIGN_IN = 'mutation { signIn(email: "ada@example.com", password: "x") { user { id name } } }';
const ME = '{ me { id name } }';

async function signedIn(url = graphqlUrl) {
  const jar = new CookieJar();
  const send = clientFor(url, jar);
  const answer = await send(SIGN_IN);
  expect(answer.errors).toBeUndefined();
  return { jar, send, answer };
}

describe('cookie sessions at the gateway', () => {
  it("turns the users subgraph's handoff into an HttpOnly, SameSite=Lax cookie and never forwards the header", async () => {
    const { jar, answer } = await signedIn();
    expect(answer.headers.get('x-leadgraph-session')).toBeNull();
    expect(answer.headers.get('cache-control')).toBe('no-store');
    const cookie = jar.get('sid');
    expect(cookie?.value).toMatch(/^[a-z2-7]{40}$/);
    expect(cookie?.attributes).toMatchObject({ httponly: '', samesite: 'Lax', path: '/' });
    expect(cookie?.attributes).not.toHaveProperty('secure');
    expect(Number(cookie?.attributes['max-age'])).toBeGreaterThan(29 * 24 * 3600);
  });

  it('validates the cookie once and forwards who the caller is, by session handle, never the token', async () => {
    const { jar, send } = await signedIn();
    users.identities.length = 0;
    const me = await send(ME);
    expect(me.data).toEqual({ me: { id: users.userId, name: 'Ada' } });
    expect(me.headers.get('set-cookie')).toBeNull();
    const identity = users.identities[0];
    expect(identity).toMatchObject({ userId: users.userId, role: 'client', clientIp: '127.0.0.1', scopes: [] });
    expect(identity?.sessionId).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(users.requests.at(-1))).not.toContain(jar.get('sid')!.value);
  });

  it('clears the cookie on sign-out; a stolen copy of it is then anonymous and gets removed', async () => {
    const { jar, send } = await signedIn();
    const stolen = jar.clone();
    const out = await send('mutation { signOut }');
    expect(out.data).toEqual({ signOut: true });
    expect(jar.get('sid')).toBeUndefined();
    expect(jar.received.at(-1)).toMatch(/^sid=; .*Max-Age=0/);
    const thief = clientFor(graphqlUrl, stolen);
    const me = await thief(ME);
    expect(me.data).toEqual({ me: null });
    expect(stolen.get('sid')).toBeUndefined();
  });

  it('removes a well-shaped but unknown cookie and ignores a malformed one', async () => {
    const unknown = new CookieJar();
    unknown.take(new Headers({ 'set-cookie': `sid=${'a'.repeat(40)}; Path=/` }));
    expect((await clientFor(graphqlUrl, unknown)(ME)).data).toEqual({ me: null });
    expect(unknown.get('sid')).toBeUndefined();
    const garbage = await clientFor(graphqlUrl, new CookieJar())(ME, undefined, { cookie: 'sid=<script>' });
    expect(garbage.headers.get('set-cookie')).toBeNull();
  });

  it('renews a session used in the second half of its life and sends the new expiry (sliding renewal)', async () => {
    const { jar, send } = await signedIn();
    const before = Number(jar.get('sid')!.attributes['max-age']);
    await send(ME);
    const identity = users.identities.at(-1)!;
    await users.setSessionExpiry(identity.sessionId!, new Date(Date.now() + 24 * 3600 * 1000));
    const renewed = await send(ME);
    expect(renewed.data).toEqual({ me: { id: users.userId, name: 'Ada' } });
    expect(renewed.headers.get('set-cookie')).toMatch(/^sid=[a-z2-7]{40}; /);
    expect(Number(jar.get('sid')!.attributes['max-age'])).toBeGreaterThanOrEqual(before - 5);
    expect((await send(ME)).headers.get('set-cookie')).toBeNull();
  });

  it('treats the session of a disabled user as signed out', async () => {
    const { send } = await signedIn();
    await users.updateUser({ disabledAt: new Date() });
    try {
      expect((await send(ME)).data).toEqual({ me: null });
    } finally {
      await users.updateUser({ disabledAt: null });
    }
  });

  it('ignores a client-sent identity or session header', async () => {
    const jar = new CookieJar();
    const send = clientFor(graphqlUrl, jar);
    const forged = { 'x-leadgraph-identity': 'eyJ1c2VySWQiOiJ4In0.forged', 'x-leadgraph-session': JSON.stringify({ action: 'set', token: 'a'.repeat(40), expiresAt: '2099-01-01T00:00:00Z' }) };
    const me = await send(ME, undefined, forged);
    expect(me.data).toEqual({ me: null });
    expect(me.headers.get('set-cookie')).toBeNull();
    expect(users.requests.at(-1)?.['x-leadgraph-session']).toBeUndefined();
    expect(users.requests.at(-1)?.['x-leadgraph-identity']).not.toBe(forged['x-leadgraph-identity']);
  });

  it('ignores a malformed handoff', async () => {
    const answer = await clientFor(graphqlUrl, new CookieJar())('mutation { leakHandoff }');
    expect(answer.data).toEqual({ leakHandoff: true });
    expect(answer.headers.get('set-cookie')).toBeNull();
  });

  it('keeps retryAfterSeconds on RATE_LIMITED and sets Retry-After', async () => {
    const answer = await clientFor(graphqlUrl, new CookieJar())('mutation { tryTooOften }');
    expect(answer.errors?.[0]?.extensions).toEqual({ code: 'RATE_LIMITED', serviceName: 'users', retryAfterSeconds: 42 });
    expect(answer.headers.get('retry-after')).toBe('42');
  });

  it('refuses a POST from a foreign or null Origin with 403 FORBIDDEN_ORIGIN; none or an allowed one passes', async () => {
    for (const origin of ['https://evil.example', 'null', 'http://localhost:4000.evil.example']) {
      const refused = await clientFor(graphqlUrl, new CookieJar(), origin)(SIGN_IN);
      expect(refused.status).toBe(403);
      expect(codeOf(refused)).toBe('FORBIDDEN_ORIGIN');
      expect(refused.headers.get('set-cookie')).toBeNull();
    }
    expect((await clientFor(graphqlUrl, new CookieJar(), null)(ME)).status).toBe(200);
    expect((await clientFor(graphqlUrl, new CookieJar(), 'http://localhost:5173')(ME)).status).toBe(200);
  });

  it('uses X-Forwarded-For only behind a trusted proxy', async () => {
    const header = { 'x-forwarded-for': '203.0.113.9, 198.51.100.7' };
    await clientFor(graphqlUrl, new CookieJar())(ME, undefined, header);
    expect(users.identities.at(-1)?.clientIp).toBe('127.0.0.1');
    const proxied = await start({ trustProxy: 1 });
    await clientFor(`${proxied.url}/graphql`, new CookieJar())(ME, undefined, header);
    expect(users.identities.at(-1)?.clientIp).toBe('198.51.100.7');
  });

  it('in production mode names the cookie __Host-sid and marks it Secure', async () => {
    const production = await start({ production: true });
    const { jar, send } = await signedIn(`${production.url}/graphql`);
    expect(jar.get('__Host-sid')?.attributes).toMatchObject({ secure: '', httponly: '', samesite: 'Lax', path: '/' });
    expect(jar.get('__Host-sid')?.attributes).not.toHaveProperty('domain');
    expect((await send(ME)).data).toEqual({ me: { id: users.userId, name: 'Ada' } });
    // The development name is not read in production.
    const devCookie = new CookieJar();
    devCookie.take(new Headers({ 'set-cookie': `sid=${jar.get('__Host-sid')!.value}` }));
    expect((await clientFor(`${production.url}/graphql`, devCookie)(ME)).data).toEqual({ me: null });
  });

  it('reports the sessions database in /health', async () => {
    const health = await fetch(`${gateway.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', sessions: 'ok' });
  });

  it('answers /health 503 with sessions unavailable when the sessions database is gone', async () => {
    const own = await startTestDatabase();
    const orphan = await start({ mongoUri: own.uri });
    expect((await fetch(`${orphan.url}/health`)).status).toBe(200);
    await own.stop();
    const health = await fetch(`${orphan.url}/health`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ status: 'unavailable', sessions: 'unavailable' });
  });
});
