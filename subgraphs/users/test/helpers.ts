import { randomBytes } from 'node:crypto';
import { onTestFinished } from 'vitest';
import { TEST_ARGON2, hashPassword } from '@leadgraph/auth';
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

/** A random, unique test address. */
export function newEmail(prefix = 'user'): string {
  return `${prefix}.${randomBytes(5).toString('hex')}@example.com`;
}

/** A random IPv4 address in TEST-NET-2, so each test has its own per-address limits. */
export function newIp(): string {
  return `198.51.100.${1 + (randomBytes(1)[0] ?? 0) % 254}`;
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

/** The token in the newest mail to `to` whose link path is `path`, waiting for the outbox (up to ~5 s). */
export async function tokenFromMail(catcher: MailCatcher, to: string, path: string): Promise<string> {
  for (let i = 0; i < 100; i += 1) {
    const mail = catcher.messages().find((m) => m.envelope.to.some((t) => t.toLowerCase() === to.toLowerCase()) && m.text.includes(`/${path}?token=`));
    const token = mail === undefined ? null : new RegExp(`/${path}\\?token=([A-Za-z0-9_%-]+)`).exec(mail.text)?.[1];
    if (token) return decodeURIComponent(token);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no ${path} mail arrived`);
}
