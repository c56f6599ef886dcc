import { connectDatabase } from '@leadgraph/db';
import { createUser } from '@leadgraph/subgraph-users/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CookieJar } from './cookie-jar.ts';
import { clientFor, codeOf } from './client.ts';
import { startPlatform, type Platform } from './platform.ts';
import { signedInAs, TEST_PASSWORD } from './sign-in.ts';

// The gateway's deny-by-default for integrators: an API key without PERSONAL_READ may not select
// a personal field (read from the supergraph's @personal declarations), refused before any
// subgraph runs. Cookie sessions and anonymous callers are left to the subgraphs' masking.

const CREATE = 'mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }';

let platform: Platform;
let db: Awaited<ReturnType<typeof connectDatabase>>;
let plainKey: string;
let personalKey: string;
let other: { id: string; email: string };
let ownerEmail: string;

const as = (headers: Record<string, string>) => {
  const send = clientFor(platform.graphqlUrl, new CookieJar(), null);
  return <T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>) => send<T>(query, variables, headers);
};

beforeAll(async () => {
  platform = await startPlatform();
  db = await connectDatabase(platform.mongo.uri, platform.dbNames.users);
  const admin = await signedInAs(platform, 'admin');
  const owner = await signedInAs(platform, 'pro');
  ownerEmail = owner.email;
  const someone = await createUser(db, { role: 'client', email: `someone.${Date.now()}@example.com` });
  other = { id: String(someone._id), email: someone.email };
  const create = async (scopes: string[]) => {
    const answer = await clientFor(platform.graphqlUrl, admin.jar)<{ createApiKey: { secret: string } }>(CREATE, {
      input: { ownerId: String(owner.user._id), name: 'partner', scopes },
    });
    expect(answer.errors).toBeUndefined();
    return answer.data!.createApiKey.secret;
  };
  plainKey = await create(['STATISTICS_READ']);
  personalKey = await create(['PERSONAL_READ']);
});
afterAll(async () => {
  await db?.close();
  await platform?.stop();
});

describe('an API key without PERSONAL_READ', () => {
  it('is refused an operation selecting a personal field: 403 PERSONAL_DATA_SCOPE_REQUIRED naming the fields, never values', async () => {
    const answer = await as({ authorization: `Bearer ${plainKey}` })('query ($id: ID!) { user(id: $id) { id email } me { email } }', { id: other.id });
    expect(answer.status).toBe(403);
    expect(answer.data ?? null).toBeNull();
    expect(answer.errors).toHaveLength(1);
    expect(codeOf(answer)).toBe('PERSONAL_DATA_SCOPE_REQUIRED');
    expect(answer.errors?.[0]?.message).toContain('User.email');
    expect(answer.errors?.[0]?.message).toContain('PERSONAL_READ');
    expect(JSON.stringify(answer)).not.toContain(other.email);
    expect(JSON.stringify(answer)).not.toContain(ownerEmail);
  });

  it('finds personal fields behind named and inline fragments, in the operation that runs', async () => {
    const send = as({ 'x-api-key': plainKey });
    for (const query of ['query { me { ...Contact } } fragment Contact on User { email }', 'query { me { ... on User { email } } }']) {
      expect(codeOf(await send(query)), query).toBe('PERSONAL_DATA_SCOPE_REQUIRED');
    }
    const run = (operationName: string) =>
      fetch(platform.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': plainKey },
        body: JSON.stringify({ query: 'query A { me { id } } query B { me { email } }', operationName }),
      }).then((response) => response.json() as Promise<{ data?: unknown; errors?: { extensions?: { code?: string } }[] }>);
    expect((await run('A')).errors).toBeUndefined();
    expect((await run('B')).errors?.[0]?.extensions?.code).toBe('PERSONAL_DATA_SCOPE_REQUIRED');
  });

  it('may read what is not personal, and public fields (mask NONE)', async () => {
    const answer = await as({ authorization: `Bearer ${plainKey}` })<{ user: { id: string; role: string; companyName: string | null } }>(
      'query ($id: ID!) { user(id: $id) { id role companyName } }',
      { id: other.id },
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.user).toMatchObject({ id: other.id, role: 'CLIENT' });
  });

  it('is refused before any subgraph runs: a sign-in selecting a personal field creates no session', async () => {
    const sessions = () => db.collection('sessions').countDocuments();
    const before = await sessions();
    const answer = await as({ authorization: `Bearer ${plainKey}` })(
      'mutation ($email: String!, $password: String!) { signIn(email: $email, password: $password) { user { id email } } }',
      { email: ownerEmail, password: TEST_PASSWORD },
    );
    expect(codeOf(answer)).toBe('PERSONAL_DATA_SCOPE_REQUIRED');
    expect(await sessions()).toBe(before);
  });
});

describe('callers the gateway check leaves alone', () => {
  const query = 'query ($id: ID!) { user(id: $id) { email } }';

  it('an API key with PERSONAL_READ reads the value in clear', async () => {
    const answer = await as({ authorization: `Bearer ${personalKey}` })<{ user: { email: string } }>(query, { id: other.id });
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.user.email).toBe(other.email);
  });

  it('a cookie session and an anonymous caller get the masked value from the subgraph', async () => {
    const client = await signedInAs(platform, 'client');
    const masked = /^[^@]\*\*\*@[^.]\*\*\*\.com$/;
    const withCookie = await clientFor(platform.graphqlUrl, client.jar)<{ user: { email: string } }>(query, { id: other.id });
    expect(withCookie.errors).toBeUndefined();
    expect(withCookie.data?.user.email).toMatch(masked);
    const anonymous = await as({})<{ user: { email: string } }>(query, { id: other.id });
    expect(anonymous.errors).toBeUndefined();
    expect(anonymous.data?.user.email).toMatch(masked);
  });
});
