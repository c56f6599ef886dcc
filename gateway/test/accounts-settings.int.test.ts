import { sessionHandle } from '@leadgraph/auth';
import { connectDatabase } from '@leadgraph/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf } from './client.ts';
import {
  browser,
  lastMailId,
  ME,
  NEW_PASSWORD,
  newEmail,
  PASSWORD,
  SIGN_IN,
  signedInBrowser,
  tokenFromMail,
  verifiedAccount,
  type Browser,
  type Me,
} from './journeys.ts';
import { startPlatform, type Platform } from './platform.ts';

// Account settings through the gateway: change password, change email, delete the account,
// and the recent-sign-in rule (REAUTH_REQUIRED) that the gateway's assertion feeds.
let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform({ trustProxy: 1 });
});
afterAll(() => platform?.stop());

const CHANGE_PASSWORD = 'mutation ($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }';
const REQUEST_EMAIL_CHANGE = 'mutation ($e: String!, $p: String!) { requestEmailChange(newEmail: $e, password: $p) }';
const CONFIRM_EMAIL_CHANGE = 'mutation ($t: String!) { confirmEmailChange(token: $t) }';
const DELETE = 'mutation ($p: String!) { deleteMyAccount(password: $p) }';

/** Moves this browser's last password entry an hour back (the session record the gateway reads). */
async function authenticatedAnHourAgo(b: Browser): Promise<void> {
  const db = await connectDatabase(platform.mongo.uri, platform.dbNames.users);
  try {
    const handle = sessionHandle(b.jar.get('sid')!.value);
    const moved = await db.collection('sessions').updateOne({ _id: handle as never }, { $set: { authenticatedAt: new Date(Date.now() - 3_600_000) } });
    expect(moved.matchedCount).toBe(1);
  } finally {
    await db.close();
  }
}

describe('account settings through the gateway', () => {
  it('changing the password keeps this session, ends the others, and needs the current password', async () => {
    const email = await verifiedAccount(platform);
    const laptop = await signedInBrowser(platform, email);
    const phone = await signedInBrowser(platform, email);
    expect(codeOf(await laptop.send(CHANGE_PASSWORD, { c: 'not my password at all', n: NEW_PASSWORD }))).toBe('INVALID_CREDENTIALS');
    expect(codeOf(await laptop.send(CHANGE_PASSWORD, { c: PASSWORD, n: 'short' }))).toBe('WEAK_PASSWORD');
    expect((await laptop.send(CHANGE_PASSWORD, { c: PASSWORD, n: NEW_PASSWORD })).data).toEqual({ changePassword: true });
    expect((await laptop.send<{ me: Me }>(ME)).data?.me.email).toBe(email);
    expect((await phone.send(ME)).data).toEqual({ me: null });
    expect(codeOf(await browser(platform).send(SIGN_IN, { email, password: PASSWORD }))).toBe('INVALID_CREDENTIALS');
    expect((await browser(platform).send(SIGN_IN, { email, password: NEW_PASSWORD })).errors).toBeUndefined();
  });

  it('changing the email: confirm link mailed to the new address, then sign in with it', async () => {
    const email = await verifiedAccount(platform);
    const b = await signedInBrowser(platform, email);
    const next = newEmail('moved');
    const before = lastMailId(platform);
    expect((await b.send(REQUEST_EMAIL_CHANGE, { e: next, p: PASSWORD })).data).toEqual({ requestEmailChange: true });
    expect((await b.send<{ me: Me }>(ME)).data?.me.email).toBe(email);
    const token = await tokenFromMail(platform, next, 'confirm-email', before);
    expect((await browser(platform).send(CONFIRM_EMAIL_CHANGE, { t: token })).data).toEqual({ confirmEmailChange: true });
    expect((await b.send<{ me: Me }>(ME)).data?.me.email).toBe(next);
    expect((await browser(platform).send(SIGN_IN, { email: next, password: PASSWORD })).errors).toBeUndefined();
    expect(codeOf(await browser(platform).send(SIGN_IN, { email, password: PASSWORD }))).toBe('INVALID_CREDENTIALS');
  });

  it('sensitive changes need a recent sign-in: REAUTH_REQUIRED an hour later', async () => {
    const email = await verifiedAccount(platform);
    const b = await signedInBrowser(platform, email);
    await authenticatedAnHourAgo(b);
    expect(codeOf(await b.send(DELETE, { p: PASSWORD }))).toBe('REAUTH_REQUIRED');
    expect(codeOf(await b.send(REQUEST_EMAIL_CHANGE, { e: newEmail('late'), p: PASSWORD }))).toBe('REAUTH_REQUIRED');
    expect((await b.send<{ me: Me }>(ME)).data?.me.email).toBe(email);
  });

  it('deleting the account clears the cookie, ends every session and refuses the next sign-in', async () => {
    const email = await verifiedAccount(platform);
    const b = await signedInBrowser(platform, email);
    const other = await signedInBrowser(platform, email);
    expect(codeOf(await b.send(DELETE, { p: 'not my password at all' }))).toBe('INVALID_CREDENTIALS');
    const deleted = await b.send(DELETE, { p: PASSWORD });
    expect(deleted.data).toEqual({ deleteMyAccount: true });
    expect(b.jar.header()).toBeUndefined();
    expect((await other.send(ME)).data).toEqual({ me: null });
    expect(codeOf(await browser(platform).send(SIGN_IN, { email, password: PASSWORD }))).toBe('INVALID_CREDENTIALS');
  });

  it('anonymous callers get UNAUTHENTICATED for account settings', async () => {
    const anonymous = browser(platform);
    expect(codeOf(await anonymous.send(CHANGE_PASSWORD, { c: PASSWORD, n: NEW_PASSWORD }))).toBe('UNAUTHENTICATED');
    expect(codeOf(await anonymous.send(DELETE, { p: PASSWORD }))).toBe('UNAUTHENTICATED');
    expect(codeOf(await anonymous.send('mutation { signOut }'))).toBe('UNAUTHENTICATED');
  });
});
