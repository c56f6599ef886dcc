import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MongoHandle } from '@leadgraph/db';
import { startTestDatabase } from '@leadgraph/testing';
import { ADMIN_REASON_HEADER } from '../src/context.ts';
import { identityHeaders, signInAs, signUpVerified, startAccounts } from './helpers.ts';

let mongo: MongoHandle;
beforeAll(async () => {
  mongo = await startTestDatabase();
});
afterAll(() => mongo.stop());

const AUTHENTICATED_MUTATIONS = [
  'mutation { signOut }',
  'mutation { signOutEverywhere }',
  'mutation { changePassword(currentPassword: "a", newPassword: "b") }',
  'mutation { requestEmailChange(newEmail: "x@example.com", password: "a") }',
  'mutation { deleteMyAccount(password: "a") }',
];

describe('authorization in the users subgraph', () => {
  it.each(AUTHENTICATED_MUTATIONS)('refuses %s to an anonymous caller with UNAUTHENTICATED', async (mutation) => {
    const a = await startAccounts(mongo);
    const res = await a.call(mutation);
    expect(res.body).toEqual({ data: null, errors: [expect.objectContaining({ message: 'You must be signed in to do this.', extensions: { code: 'UNAUTHENTICATED' } })] });
    expect(res.session).toBeNull();
  });

  it('treats a forged assertion (wrong key) as anonymous', async () => {
    const a = await startAccounts(mongo);
    const { email } = await signUpVerified(a);
    const session = await signInAs(a, email);
    const forged = identityHeaders({ ...session.identity, role: 'admin' }, 'an-attacker-key-that-is-long-enough-0123456789');
    expect((await a.call('{ me { id } }', undefined, forged)).body).toEqual({ data: { me: null } });
    const res = await a.call('{ users { edges { cursor } } }', undefined, forged);
    expect(res.body.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
  });

  it('masks the email for everyone but the subject; an admin sees it in clear only with a reason', async () => {
    const a = await startAccounts(mongo);
    const { email } = await signUpVerified(a, { role: 'PRO' });
    const owner = await signInAs(a, email);
    const query = 'query ($id: ID!) { user(id: $id) { email emailVerified } }';
    const ask = (headers?: Record<string, string>) => a.call<{ user: { email: string } }>(query, { id: owner.userId }, headers);
    const masked = /^u\*\*\*@e\*\*\*\.com$/;
    expect((await ask()).body.data?.user.email).toMatch(masked);
    const stranger = identityHeaders({ userId: new mongoose.Types.ObjectId().toHexString(), role: 'client' });
    expect((await ask(stranger)).body.data?.user.email).toMatch(masked);
    const admin = identityHeaders({ userId: new mongoose.Types.ObjectId().toHexString(), role: 'admin' });
    expect((await ask(admin)).body.data?.user.email).toMatch(masked);
    expect((await ask({ ...admin, [ADMIN_REASON_HEADER]: 'support ticket 4711' })).body.data?.user.email).toBe(email.toLowerCase());
    expect((await ask(owner.headers())).body.data?.user).toEqual({ email: email.toLowerCase(), emailVerified: true });
  });

  it('never exposes the date of birth or the password hash', async () => {
    const a = await startAccounts(mongo);
    for (const field of ['dateOfBirth', 'passwordHash']) {
      const res = await a.call(`{ me { ${field} } }`);
      expect(res.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    }
  });
});
