import { randomBytes } from 'node:crypto';
import { onTestFinished } from 'vitest';
import { TEST_ARGON2, hashPassword, sessionHandle } from '@leadgraph/auth';
import { connectDatabase, type MongoHandle } from '@leadgraph/db';
import { DEV_IDENTITY_SIGNING_KEY, IDENTITY_HEADER, signAssertion, type Identity } from '@leadgraph/identity';
import { startMailCatcher, type MailCatcher } from '@leadgraph/mail';
import { graphql, uniqueDbName } from '@leadgraph/testing';
import { startSubgraph, type StartSubgraphOptions } from '../src/server.ts';

/** Headers carrying a signed identity assertion, as the gateway sends them. */
export function identityHeaders(identity: Partial<Identity> & { userId: string }, key = DEV_IDENTITY_SIGNING_KEY): Record<string, string> {
  const full: Identity = { role: 'client', sessionId: null, authenticatedAt: Date.now(), scopes: [], clientIp: null, ...identity };
  return { [IDENTITY_HEADER]: signAssertion(full, key) };
}

/** Headers of an anonymous caller the gateway saw at `ip` (the assertion carries the address for rate limits). */
export function anonymousFrom(ip: string): Record<string, string> {
  return { [IDENTITY_HEADER]: signAssertion({ userId: null, role: null, sessionId: null, authenticatedAt: null, scopes: [], clientIp: ip }, DEV_IDENTITY_SIGNING_KEY) };
}

/** A random, unique test address. */
export function newEmail(prefix = 'user'): string {
  return `${prefix}.${randomBytes(5).toString('hex')}@example.com`;
}

/** A random private IPv4 address, so each caller has its own per-address limits. */
export function newIp(): string {
  const [b, c, d] = [...randomBytes(3)];
  return `10.${b}.${c}.${1 + ((d ?? 0) % 254)}`;
}

export const PASSWORD = 'correct horse battery staple 42';
export const hashOf = (password: string) => hashPassword(password, TEST_ARGON2);

/**
 * A users subgraph with its own database, a real mail catcher as its SMTP server and a fast
 * outbox; a connection for direct reads. All torn down after the test.
 */
export async function startAccounts(mongo: MongoHandle, options: Partial<StartSubgraphOptions> = {}) {
  const dbName = uniqueDbName('users');
  const catcher: MailCatcher = await startMailCatcher({ smtpPort: 0, httpPort: 0, host: '127.0.0.1' });
  const subgraph = await startSubgraph({ mongoUri: mongo.uri, dbName, smtpUrl: catcher.smtpUrl, mailIntervalMs: 50, argon2: TEST_ARGON2, ...options });
  const db = await connectDatabase(mongo.uri, dbName);
  onTestFinished(async () => {
    await subgraph.stop();
    await catcher.stop();
    await db.close();
  });
  const url = `${subgraph.url}/graphql`;
  return {
    url,
    db,
    catcher,
    /** POSTs an operation, optionally as a signed-in identity; returns status, body and the session hand-off header. */
    async call<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: T; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
      const session = response.headers.get('x-leadgraph-session');
      return { status: response.status, body, session: session === null ? null : (JSON.parse(session) as Record<string, string>) };
    },
    graphql,
  };
}

/**
 * The tokens of the mails to `to` whose link path is `path`, oldest first, once at least
 * `count` have arrived (the outbox delivers within ~100 ms; waits up to ~5 s).
 */
export async function tokensFromMails(catcher: MailCatcher, to: string, path: string, count = 1): Promise<string[]> {
  const pattern = new RegExp(`/${path}\\?token=([A-Za-z0-9_%-]+)`);
  for (let i = 0; i < 100; i += 1) {
    const tokens = catcher
      .messages()
      .filter((m) => m.envelope.to.some((t) => t.toLowerCase() === to.toLowerCase()))
      .sort((x, y) => x.id - y.id)
      .flatMap((m) => {
        const found = pattern.exec(m.text)?.[1];
        return found === undefined ? [] : [decodeURIComponent(found)];
      });
    if (tokens.length >= count) return tokens;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`fewer than ${count} ${path} mail(s) arrived`);
}

/** The token in the newest mail to `to` whose link path is `path`. */
export async function tokenFromMail(catcher: MailCatcher, to: string, path: string, count = 1): Promise<string> {
  const tokens = await tokensFromMails(catcher, to, path, count);
  return tokens.at(-1) as string;
}

export type Accounts = Awaited<ReturnType<typeof startAccounts>>;

export const SIGN_UP = `mutation ($input: SignUpInput!) { signUp(input: $input) { accepted } }`;
export const SIGN_IN = `mutation ($email: String!, $password: String!) { signIn(email: $email, password: $password) { user { id email emailVerified role } } }`;

/** Signs up through the API (from its own address) and confirms the address with the mailed token. */
export async function signUpVerified(a: Accounts, input: { email?: string; role?: 'CLIENT' | 'PRO'; name?: string } = {}) {
  const email = input.email ?? newEmail();
  const variables = { input: { name: input.name ?? 'Robin Fairweather', email, password: PASSWORD, role: input.role ?? 'CLIENT', dateOfBirth: '1990-05-17' } };
  const signedUp = await a.call(SIGN_UP, variables, anonymousFrom(newIp()));
  if (signedUp.body.errors !== undefined) throw new Error(`sign-up failed: ${JSON.stringify(signedUp.body.errors)}`);
  const token = await tokenFromMail(a.catcher, email, 'verify-email');
  const verified = await a.call('mutation ($t: String!) { verifyEmail(token: $t) }', { t: token });
  if (verified.body.data?.verifyEmail !== true) throw new Error('verification failed');
  return { email };
}

/** Signs in through the API; returns the session token (as the gateway would get it) and headers of that session's identity. */
export async function signInAs(a: Accounts, email: string, password = PASSWORD, ip = newIp()) {
  const res = await a.call<{ signIn: { user: { id: string; role: string } } }>(SIGN_IN, { email, password }, anonymousFrom(ip));
  const user = res.body.data?.signIn.user;
  if (user === undefined || res.session?.action !== 'set' || res.session.token === undefined) throw new Error(`sign-in failed: ${JSON.stringify(res.body.errors)}`);
  const token = res.session.token;
  const identity = { userId: user.id, role: user.role.toLowerCase() as 'client' | 'pro' | 'admin', sessionId: sessionHandle(token), clientIp: ip };
  return { token, userId: user.id, identity, headers: (authenticatedAt = Date.now()) => identityHeaders({ ...identity, authenticatedAt }) };
}
