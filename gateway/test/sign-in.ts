import { randomBytes } from 'node:crypto';
import { TEST_ARGON2, hashPassword } from '@leadgraph/auth';
import { connectDatabase } from '@leadgraph/db';
import type { Role } from '@leadgraph/identity';
import { createUser } from '@leadgraph/subgraph-users/seed';
import { CookieJar } from './cookie-jar.ts';
import { clientFor } from './client.ts';
import type { Platform } from './platform.ts';

export const TEST_PASSWORD = 'correct horse battery staple 42';

const SIGN_IN = 'mutation ($email: String!, $password: String!) { signIn(email: $email, password: $password) { user { id } } }';

/**
 * A verified account with a password, written with the users subgraph's seed factory, then
 * signed in through the gateway. Returns the user and a jar holding its session cookie.
 */
export async function signedInAs(platform: Platform, role: Role, name?: string) {
  const db = await connectDatabase(platform.mongo.uri, platform.dbNames.users);
  const email = `${role}.${randomBytes(5).toString('hex')}@example.com`;
  let user;
  try {
    user = await createUser(db, { role, email, passwordHash: await hashPassword(TEST_PASSWORD, TEST_ARGON2), ...(name ? { name } : {}) });
  } finally {
    await db.close();
  }
  const jar = new CookieJar();
  const answer = await clientFor(platform.graphqlUrl, jar)(SIGN_IN, { email, password: TEST_PASSWORD });
  if (answer.errors !== undefined || jar.header() === undefined) throw new Error(`sign-in failed: ${JSON.stringify(answer.errors)}`);
  return { user, email, jar, cookie: { cookie: jar.header()! } };
}
