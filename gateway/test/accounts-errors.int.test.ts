import { sha256Hex, TOKENS_COLLECTION } from '@leadgraph/auth';
import { connectDatabase } from '@leadgraph/db';
import { DEV_IDENTITY_SIGNING_KEY, IDENTITY_HEADER, signAssertion, type Identity } from '@leadgraph/identity';
import { graphql } from '@leadgraph/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf } from './client.ts';
import {
  browser,
  ME,
  newEmail,
  PASSWORD,
  RESET,
  SIGN_IN,
  SIGN_UP,
  signedInBrowser,
  signUpInput,
  tokenFromMail,
  VERIFY,
  verifiedAccount,
  type Me,
} from './journeys.ts';
import { startPlatform, type Platform } from './platform.ts';

// What goes wrong on the account journeys, through the gateway (and once straight to the users subgraph).
let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform({ trustProxy: 1 });
});
afterAll(() => platform?.stop());

/** A date of birth `years` years ago today (UTC), as YYYY-MM-DD. */
const yearsAgo = (years: number) => {
  const date = new Date();
  date.setUTCFullYear(date.getUTCFullYear() - years);
  return date.toISOString().slice(0, 10);
};

describe('sign-up refuses bad input with precise codes and stores nothing', () => {
  it.each([
    ['a weak password', { password: 'password123' }, 'WEAK_PASSWORD'],
    ['a malformed email', { email: 'not-an-address' }, 'INVALID_EMAIL'],
    ['a minor', { dateOfBirth: yearsAgo(17) }, 'UNDERAGE'],
    ['an impossible date of birth', { dateOfBirth: '2001-02-29' }, 'INVALID_DATE_OF_BIRTH'],
  ])('%s', async (_label, overrides, code) => {
    const email = newEmail('refused');
    const answer = await browser(platform).send(SIGN_UP, { input: signUpInput(email, overrides) });
    expect(codeOf(answer)).toBe(code);
    expect(answer.errors?.[0]?.extensions?.serviceName).toBe('users');
    expect(answer.data ?? null).toBeNull();
    expect(JSON.stringify(answer.errors)).not.toContain(PASSWORD);
    const signIn = await browser(platform).send(SIGN_IN, { email, password: PASSWORD });
    expect(codeOf(signIn)).toBe('INVALID_CREDENTIALS');
  });

  it('the same address in another letter case is EMAIL_TAKEN', async () => {
    const email = await verifiedAccount(platform);
    const again = await browser(platform).send(SIGN_UP, { input: signUpInput(email.toUpperCase()) });
    expect(codeOf(again)).toBe('EMAIL_TAKEN');
  });
});

describe('one-time tokens', () => {
  it('a used verification link is TOKEN_INVALID, and so is garbage', async () => {
    const email = newEmail('reuse');
    const b = browser(platform);
    await b.send(SIGN_UP, { input: signUpInput(email) });
    const token = await tokenFromMail(platform, email, 'verify-email');
    expect((await b.send(VERIFY, { token })).data).toEqual({ verifyEmail: true });
    expect(codeOf(await b.send(VERIFY, { token }))).toBe('TOKEN_INVALID');
    expect(codeOf(await b.send(VERIFY, { token: 'x'.repeat(43) }))).toBe('TOKEN_INVALID');
  });

  it('an expired reset link is TOKEN_INVALID and changes nothing', async () => {
    const email = await verifiedAccount(platform);
    const b = browser(platform);
    await b.send('mutation ($email: String!) { requestPasswordReset(email: $email) }', { email });
    const token = await tokenFromMail(platform, email, 'reset-password');
    const db = await connectDatabase(platform.mongo.uri, platform.dbNames.users);
    try {
      const expired = await db.collection(TOKENS_COLLECTION).updateOne({ _id: sha256Hex(token) as never }, { $set: { expiresAt: new Date(Date.now() - 1_000) } });
      expect(expired.matchedCount).toBe(1);
    } finally {
      await db.close();
    }
    expect(codeOf(await b.send(RESET, { token, newPassword: 'a completely different passphrase 7' }))).toBe('TOKEN_INVALID');
    expect((await b.send(SIGN_IN, { email, password: PASSWORD })).errors).toBeUndefined();
  });
});

describe('sign-in failures', () => {
  it('a wrong password and an unknown address get the same INVALID_CREDENTIALS', async () => {
    const email = await verifiedAccount(platform);
    const wrong = await browser(platform).send(SIGN_IN, { email, password: 'not the password at all' });
    const unknown = await browser(platform).send(SIGN_IN, { email: newEmail('ghost'), password: PASSWORD });
    expect(codeOf(wrong)).toBe('INVALID_CREDENTIALS');
    expect(unknown.errors).toEqual(wrong.errors);
    expect(wrong.headers.get('set-cookie')).toBeNull();
  });

  it('repeated failures are RATE_LIMITED with retryAfterSeconds and Retry-After, even with the right password', async () => {
    const email = await verifiedAccount(platform);
    const b = browser(platform);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect(codeOf(await b.send(SIGN_IN, { email, password: `wrong password number ${attempt}` }))).toBe('INVALID_CREDENTIALS');
    }
    const limited = await b.send(SIGN_IN, { email, password: PASSWORD });
    expect(codeOf(limited)).toBe('RATE_LIMITED');
    const seconds = limited.errors?.[0]?.extensions?.retryAfterSeconds;
    expect(seconds).toBeGreaterThan(0);
    expect(limited.headers.get('retry-after')).toBe(String(seconds));
    expect(b.jar.header()).toBeUndefined();
  });
});

describe('identity cannot be forged', () => {
  const target = async () => {
    const email = await verifiedAccount(platform);
    const b = await signedInBrowser(platform, email);
    const me = (await b.send<{ me: Me }>(ME)).data!.me;
    const identity: Identity = { userId: me.id, role: 'client', sessionId: null, authenticatedAt: Date.now(), scopes: [], clientIp: null };
    return { email, identity };
  };

  it('a forged or stale assertion sent straight to the users subgraph is anonymous', async () => {
    const { identity } = await target();
    const users = platform.subgraphUrls.users;
    const forged = signAssertion(identity, 'an-attacker-key-that-is-at-least-32-chars');
    const stale = signAssertion(identity, DEV_IDENTITY_SIGNING_KEY, 60, Date.now() - 120_000);
    for (const token of [forged, stale, 'garbage']) {
      const { body } = await graphql(users, '{ me { id } }', undefined, { [IDENTITY_HEADER]: token });
      expect(body.data).toEqual({ me: null });
    }
    // The same identity, freshly signed with the right key, is accepted: the test checks what it claims to.
    const fresh = await graphql(users, '{ me { id } }', undefined, { [IDENTITY_HEADER]: signAssertion(identity, DEV_IDENTITY_SIGNING_KEY) });
    expect(fresh.body.data).toEqual({ me: { id: identity.userId } });
  });

  it('a client-sent identity or session header is ignored by the gateway', async () => {
    const { identity } = await target();
    const b = browser(platform);
    const session = JSON.stringify({ action: 'set', token: 'a'.repeat(40), expiresAt: '2099-01-01T00:00:00.000Z' });
    const answer = await b.send(ME, undefined, {
      [IDENTITY_HEADER]: signAssertion(identity, DEV_IDENTITY_SIGNING_KEY),
      'x-leadgraph-session': session,
    });
    expect(answer.data).toEqual({ me: null });
    expect(answer.headers.get('set-cookie')).toBeNull();
    expect(b.jar.header()).toBeUndefined();
  });
});
