import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { CookieJar } from './cookie-jar.ts';
import { clientFor, type GraphQLAnswer } from './client.ts';
import type { Platform } from './platform.ts';

/** Helpers for the account journeys: a browser per person, sign-up, links from the caught mail. */

export const PASSWORD = 'correct horse battery staple 42';
export const NEW_PASSWORD = 'a completely different passphrase 7';

export const SIGN_UP = 'mutation ($input: SignUpInput!) { signUp(input: $input) { accepted } }';
export const VERIFY = 'mutation ($token: String!) { verifyEmail(token: $token) }';
export const SIGN_IN =
  'mutation ($email: String!, $password: String!) { signIn(email: $email, password: $password) { user { id name email emailVerified role } } }';
export const ME = '{ me { id name email emailVerified role } }';
export const SIGN_OUT = 'mutation { signOut }';
export const SIGN_OUT_EVERYWHERE = 'mutation { signOutEverywhere }';
export const REQUEST_RESET = 'mutation ($email: String!) { requestPasswordReset(email: $email) }';
export const RESET = 'mutation ($token: String!, $newPassword: String!) { resetPassword(token: $token, newPassword: $newPassword) }';

export type Me = { id: string; name: string; email: string; emailVerified: boolean; role: string };

/** A unique test address. */
export const newEmail = (prefix = 'user') => `${prefix}.${randomBytes(5).toString('hex')}@example.com`;

/** A random address in TEST-NET-3, so each browser has its own per-address rate limits. */
export const newIp = () => `203.0.113.${1 + ((randomBytes(1)[0] ?? 0) % 254)}`;

export interface Browser {
  jar: CookieJar;
  ip: string;
  send<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLAnswer<T>>;
}

/**
 * One person's browser: its own cookie jar, the gateway's Origin, and its own address (sent as
 * X-Forwarded-For: the journeys' gateway trusts one proxy). `url` picks another gateway.
 */
export function browser(platform: Platform, url = platform.graphqlUrl, jar = new CookieJar()): Browser {
  const ip = newIp();
  const send = clientFor(url, jar);
  return { jar, ip, send: (query, variables, headers = {}) => send(query, variables, { 'x-forwarded-for': ip, ...headers }) };
}

export function signUpInput(email: string, overrides: Record<string, unknown> = {}) {
  return { name: 'Robin Fairweather', email, password: PASSWORD, role: 'CLIENT', dateOfBirth: '1990-05-17', ...overrides };
}

/**
 * The token of the newest link to `${appUrl}/${path}?token=…` mailed to `to`, read from the
 * mail catcher's JSON API (real SMTP delivery by the outbox worker), waiting up to ~5 s.
 */
export async function tokenFromMail(platform: Platform, to: string, path: 'verify-email' | 'reset-password' | 'confirm-email', after = 0): Promise<string> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const response = await fetch(`${platform.mail.httpUrl}/messages/latest?to=${encodeURIComponent(to)}`);
    if (response.status === 200) {
      const mail = (await response.json()) as { id: number; text: string };
      const token = new RegExp(`http://localhost:4000/${path}\\?token=([A-Za-z0-9_%-]+)`).exec(mail.text)?.[1];
      if (mail.id > after && token) return decodeURIComponent(token);
    } else {
      await response.body?.cancel();
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no ${path} mail arrived`);
}

/** The id of the newest caught mail (0 when none): wait for mail newer than this. */
export const lastMailId = (platform: Platform) => platform.mail.messages()[0]?.id ?? 0;

/** Signs up, confirms the address with the mailed link and returns the address. */
export async function verifiedAccount(platform: Platform, email = newEmail()): Promise<string> {
  const b = browser(platform);
  const signedUp = await b.send(SIGN_UP, { input: signUpInput(email) });
  expect(signedUp.errors).toBeUndefined();
  const verified = await b.send(VERIFY, { token: await tokenFromMail(platform, email, 'verify-email') });
  expect(verified.data).toEqual({ verifyEmail: true });
  return email;
}

/** A browser signed in as `email`. */
export async function signedInBrowser(platform: Platform, email: string, password = PASSWORD): Promise<Browser> {
  const b = browser(platform);
  const answer = await b.send(SIGN_IN, { email, password });
  expect(answer.errors).toBeUndefined();
  return b;
}
