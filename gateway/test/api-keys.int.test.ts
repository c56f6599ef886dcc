import { createHash } from 'node:crypto';
import { connectDatabase } from '@leadgraph/db';
import { createUser } from '@leadgraph/subgraph-users/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CookieJar } from './cookie-jar.ts';
import { clientFor, codeOf, type GraphQLAnswer } from './client.ts';
import { startPlatform, type Platform } from './platform.ts';
import { signedInAs } from './sign-in.ts';

// API keys end to end: an admin creates and revokes keys through the gateway; integrators use
// them as `Authorization: Bearer` or `x-api-key`; the gateway resolves them once per request.

const CREATE =
  'mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id prefix name scopes status owner { id } createdAt expiresAt lastUsedAt revokedAt } } }';
const REVOKE = 'mutation ($id: ID!) { revokeApiKey(id: $id) { id status revokedAt } }';
const LIST = 'query ($first: Int, $after: String) { apiKeys(first: $first, after: $after) { edges { cursor node { id status scopes } } pageInfo { hasNextPage endCursor } } }';
const ME = '{ me { id role } }';

type Created = { createApiKey: { secret: string; apiKey: { id: string; prefix: string; name: string; scopes: string[]; status: string; owner: { id: string } | null; lastUsedAt: string | null } } };

let platform: Platform;
let db: Awaited<ReturnType<typeof connectDatabase>>;
let admin: ReturnType<typeof clientFor>;
let adminId: string;
let ownerId: string;

beforeAll(async () => {
  platform = await startPlatform();
  db = await connectDatabase(platform.mongo.uri, platform.dbNames.users);
  const signedIn = await signedInAs(platform, 'admin');
  admin = clientFor(platform.graphqlUrl, signedIn.jar);
  adminId = String(signedIn.user._id);
  ownerId = String((await createUser(db, { role: 'pro', email: `owner.${Date.now()}@example.com` }))._id);
});
afterAll(async () => {
  await db?.close();
  await platform?.stop();
});

/** A client with no cookie and no Origin: an integrator's server. */
function integrator(headers: Record<string, string>, url = platform.graphqlUrl) {
  const send = clientFor(url, new CookieJar(), null);
  return <T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, extra: Record<string, string> = {}) =>
    send<T>(query, variables, { ...headers, ...extra });
}

async function createKey(input: Record<string, unknown> = {}): Promise<Created['createApiKey']> {
  const answer = await admin<Created>(CREATE, { input: { ownerId, name: 'CRM sync', scopes: [], ...input } });
  expect(answer.errors).toBeUndefined();
  return answer.data!.createApiKey;
}

const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });
const keysCount = () => db.collection('api_keys').countDocuments();

describe('createApiKey', () => {
  it('returns the secret once and stores only its SHA-256, with prefix, owner, scopes and creator', async () => {
    const { secret, apiKey } = await createKey({ scopes: ['STATISTICS_READ', 'PERSONAL_READ'] });
    expect(secret).toMatch(/^lg_[A-Za-z0-9_-]{43}$/);
    expect(apiKey).toMatchObject({ prefix: secret.slice(0, 11), name: 'CRM sync', status: 'ACTIVE', owner: { id: ownerId }, lastUsedAt: null });
    expect(apiKey.scopes).toEqual(['PERSONAL_READ', 'STATISTICS_READ']);
    const stored = await db.collection('api_keys').findOne({ prefix: apiKey.prefix });
    expect(stored).toMatchObject({ secretHash: createHash('sha256').update(secret).digest('hex'), scopes: ['personal:read', 'statistics:read'], revokedAt: null });
    expect(String(stored?.createdBy)).toBe(adminId);
    expect(JSON.stringify(stored)).not.toContain(secret.slice(3));
  });

  it('is for admins only: a client is FORBIDDEN, an API key too, and nothing is stored', async () => {
    const before = await keysCount();
    const client = await signedInAs(platform, 'client');
    const asClient = await clientFor(platform.graphqlUrl, client.jar)(CREATE, { input: { ownerId, name: 'x', scopes: [] } });
    expect(codeOf(asClient)).toBe('FORBIDDEN');
    const { secret } = await createKey({ scopes: ['PERSONAL_READ'] });
    const asKey = await integrator(bearer(secret))(CREATE, { input: { ownerId, name: 'x', scopes: [] } });
    expect(codeOf(asKey)).toBe('FORBIDDEN');
    expect(await keysCount()).toBe(before + 1);
  });

  it('refuses an unknown, admin or closed owner, a blank name and a bad expiry with BAD_USER_INPUT, storing nothing', async () => {
    const closedUser = await createUser(db, { role: 'client', email: `closed.${Date.now()}@example.com` });
    await db.collection('users').updateOne({ _id: closedUser._id }, { $set: { disabledAt: new Date() } });
    const closed = String(closedUser._id);
    const before = await keysCount();
    const bad = [
      { ownerId: '65f1c0ffee0000000000abcd' },
      { ownerId: adminId },
      { ownerId: closed },
      { ownerId: 'not-an-id' },
      { name: '   ' },
      { expiresAt: new Date(Date.now() - 1000).toISOString() },
      { expiresAt: new Date(Date.now() + 3 * 366 * 86_400_000).toISOString() },
    ];
    for (const input of bad) {
      const answer = await admin(CREATE, { input: { ownerId, name: 'CRM sync', scopes: [], ...input } });
      expect(codeOf(answer), JSON.stringify(input)).toBe('BAD_USER_INPUT');
    }
    expect(await keysCount()).toBe(before);
  });
});

describe('the gateway resolves a key once per request', () => {
  it('acts as the owner, read from Authorization: Bearer or x-api-key, and records the use', async () => {
    const { secret, apiKey } = await createKey();
    const variants: Record<string, string>[] = [bearer(secret), { 'x-api-key': secret }, { authorization: `bearer  ${secret}`, 'x-api-key': secret }];
    for (const headers of variants) {
      const answer = await integrator(headers)<{ me: { id: string; role: string } }>(ME);
      expect(answer.errors).toBeUndefined();
      expect(answer.data?.me).toEqual({ id: ownerId, role: 'PRO' });
    }
    await expect.poll(async () => (await db.collection('api_keys').findOne({ prefix: apiKey.prefix }))?.lastUsedAt).toBeInstanceOf(Date);
  });

  it('ignores a cookie sent with a key and skips the Origin check (no cookie is ever used or set)', async () => {
    const { secret } = await createKey();
    const client = await signedInAs(platform, 'client');
    const answer = await clientFor(platform.graphqlUrl, client.jar, 'https://evil.example')<{ me: { id: string } }>(ME, undefined, bearer(secret));
    expect(answer.status).toBe(200);
    expect(answer.data?.me.id).toBe(ownerId);
    expect(answer.headers.get('set-cookie')).toBeNull();
  });

  it('refuses an unknown, malformed, revoked or expired key, or a closed owner, with one 401 UNAUTHENTICATED', async () => {
    const revoked = await createKey();
    const revokedAnswer = await admin<{ revokeApiKey: { id: string; status: string } }>(REVOKE, { id: revoked.apiKey.id });
    expect(revokedAnswer.data?.revokeApiKey).toMatchObject({ id: revoked.apiKey.id, status: 'REVOKED' });
    const expired = await createKey({ expiresAt: new Date(Date.now() + 60_000).toISOString() });
    await db.collection('api_keys').updateOne({ prefix: expired.apiKey.prefix }, { $set: { expiresAt: new Date(Date.now() - 1) } });
    const closedOwner = await createUser(db, { role: 'client', email: `gone.${Date.now()}@example.com` });
    const ofClosed = (await admin<Created>(CREATE, { input: { ownerId: String(closedOwner._id), name: 'old', scopes: [] } })).data!.createApiKey;
    await db.collection('users').updateOne({ _id: closedOwner._id }, { $set: { disabledAt: new Date() } });

    const answers: GraphQLAnswer[] = [];
    const refused: Record<string, string>[] = [
      bearer(`lg_${'A'.repeat(43)}`),
      bearer('not-a-key'),
      { 'x-api-key': 'lg_bad key' },
      { authorization: `Bearer ${revoked.secret}`, 'x-api-key': expired.secret },
      bearer(revoked.secret),
      bearer(expired.secret),
      bearer(ofClosed.secret),
    ];
    for (const headers of refused) {
      answers.push(await integrator(headers)(ME));
    }
    for (const answer of answers) {
      expect(answer.status).toBe(401);
      expect(answer.data ?? null).toBeNull();
      expect(answer.errors).toEqual([{ message: answers[0]!.errors![0]!.message, extensions: { code: 'UNAUTHENTICATED' } }]);
    }
    // Apollo Server prefixes errors raised while building the context.
    expect(answers[0]!.errors![0]!.message).toMatch(/Invalid API key: it is unknown, revoked or expired, or its account is closed\.$/);
  });

  it('an Authorization header of another scheme is not a key: the caller is anonymous', async () => {
    const answer = await integrator({ authorization: 'Basic dXNlcjpwYXNz' })<{ me: null }>(ME);
    expect(answer.errors).toBeUndefined();
    expect(answer.data).toEqual({ me: null });
  });

  it('limits each key to its budget (429 RATE_LIMITED with Retry-After), other keys unaffected', async () => {
    const limited = await platform.startGateway({ apiKeyRateLimit: { perMinute: 1, burst: 2 } });
    const url = `${limited.url}/graphql`;
    const first = await createKey();
    const second = await createKey();
    const send = integrator(bearer(first.secret), url);
    expect((await send(ME)).errors).toBeUndefined();
    expect((await send(ME)).errors).toBeUndefined();
    const refused = await send(ME);
    expect(refused.status).toBe(429);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    expect(Number(refused.errors?.[0]?.extensions?.retryAfterSeconds)).toBeGreaterThan(0);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await integrator(bearer(second.secret), url)(ME)).errors).toBeUndefined();
  });
});

describe('apiKeys and revokeApiKey', () => {
  it('lists every key newest first a page at a time, with its status', async () => {
    const older = await createKey();
    const newer = await createKey({ scopes: ['STATISTICS_READ'] });
    await admin(REVOKE, { id: older.apiKey.id });
    type List = { apiKeys: { edges: { cursor: string; node: { id: string; status: string; scopes: string[] } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } };
    const page1 = await admin<List>(LIST, { first: 1 });
    expect(page1.data?.apiKeys.edges.map((edge) => edge.node)).toEqual([{ id: newer.apiKey.id, status: 'ACTIVE', scopes: ['STATISTICS_READ'] }]);
    expect(page1.data?.apiKeys.pageInfo.hasNextPage).toBe(true);
    const page2 = await admin<List>(LIST, { first: 1, after: page1.data!.apiKeys.pageInfo.endCursor });
    expect(page2.data?.apiKeys.edges.map((edge) => edge.node)).toEqual([{ id: older.apiKey.id, status: 'REVOKED', scopes: [] }]);
    expect(codeOf(await admin(LIST, { first: 0 }))).toBe('BAD_USER_INPUT');
  });

  it('revoking twice keeps the first time; an unknown id is null, a malformed one BAD_USER_INPUT', async () => {
    const { apiKey } = await createKey();
    type Revoked = { revokeApiKey: { revokedAt: string } | null };
    const once = await admin<Revoked>(REVOKE, { id: apiKey.id });
    const twice = await admin<Revoked>(REVOKE, { id: apiKey.id });
    expect(twice.data?.revokeApiKey?.revokedAt).toBe(once.data?.revokeApiKey?.revokedAt);
    expect((await admin<Revoked>(REVOKE, { id: '65f1c0ffee0000000000abcd' })).data).toEqual({ revokeApiKey: null });
    expect(codeOf(await admin(REVOKE, { id: 'nope' }))).toBe('BAD_USER_INPUT');
  });
});
