import { sessionHandle } from '@leadgraph/auth';
import { connectDatabase } from '@leadgraph/db';
import { DEV_IDENTITY_SIGNING_KEY } from '@leadgraph/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf } from './client.ts';
import {
  browser,
  lastMailId,
  ME,
  NEW_PASSWORD,
  newEmail,
  PASSWORD,
  REQUEST_RESET,
  RESET,
  SIGN_IN,
  SIGN_OUT,
  SIGN_OUT_EVERYWHERE,
  SIGN_UP,
  signedInBrowser,
  signUpInput,
  tokenFromMail,
  VERIFY,
  verifiedAccount,
  type Me,
} from './journeys.ts';
import { startPlatform, type Platform } from './platform.ts';

// The account journeys through the gateway over HTTP: a cookie jar per browser, mail
// delivered over real SMTP to the platform's catcher, links read from the caught mail.
let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform({ trustProxy: 1 });
});
afterAll(() => platform?.stop());

describe('account journeys through the gateway', () => {
  it('sign up → verify from the mail → sign in (cookie) → me → sign out → the stolen cookie is dead', async () => {
    const email = newEmail('journey');
    const robin = browser(platform);

    const signedUp = await robin.send(SIGN_UP, { input: signUpInput(email) });
    expect(signedUp.data).toEqual({ signUp: { accepted: true } });
    expect(signedUp.headers.get('set-cookie')).toBeNull();
    expect((await robin.send(ME)).data).toEqual({ me: null });

    const early = await robin.send(SIGN_IN, { email, password: PASSWORD });
    expect(codeOf(early)).toBe('EMAIL_NOT_VERIFIED');
    expect(robin.jar.header()).toBeUndefined();

    const verified = await robin.send(VERIFY, { token: await tokenFromMail(platform, email, 'verify-email') });
    expect(verified.data).toEqual({ verifyEmail: true });

    const signedIn = await robin.send<{ signIn: { user: Me } }>(SIGN_IN, { email: email.toUpperCase(), password: PASSWORD });
    expect(signedIn.errors).toBeUndefined();
    expect(signedIn.data?.signIn.user).toMatchObject({ email, emailVerified: true, role: 'CLIENT', name: 'Robin Fairweather' });
    expect(signedIn.headers.get('x-leadgraph-session')).toBeNull();
    const cookie = robin.jar.get('sid');
    expect(cookie?.value).toMatch(/^[a-z2-7]{40}$/);
    expect(cookie?.attributes).toMatchObject({ httponly: '', samesite: 'Lax', path: '/' });
    expect(cookie?.attributes).not.toHaveProperty('secure');
    expect(JSON.stringify(signedIn.data)).not.toContain(cookie!.value);

    const me = await robin.send<{ me: Me }>(ME);
    expect(me.data?.me).toEqual({ ...signedIn.data!.signIn.user, email });

    const stolen = robin.jar.clone();
    const out = await robin.send(SIGN_OUT);
    expect(out.data).toEqual({ signOut: true });
    expect(robin.jar.header()).toBeUndefined();
    expect((await robin.send(ME)).data).toEqual({ me: null });

    const thief = browser(platform, platform.graphqlUrl, stolen);
    expect((await thief.send(ME)).data).toEqual({ me: null });
    expect(thief.jar.header()).toBeUndefined();
  });

  it("shows another user's email masked, your own in clear", async () => {
    const mine = await verifiedAccount(platform);
    const theirs = await verifiedAccount(platform);
    const other = await signedInBrowser(platform, theirs);
    const otherId = ((await other.send<{ me: Me }>(ME)).data?.me.id)!;
    const me = await signedInBrowser(platform, mine);
    const seen = await me.send<{ user: { email: string } }>('query ($id: ID!) { user(id: $id) { email } }', { id: otherId });
    expect(seen.errors).toBeUndefined();
    expect(seen.data?.user.email).not.toBe(theirs);
    expect(seen.data?.user.email).toContain('*');
    expect((await me.send<{ me: Me }>(ME)).data?.me.email).toBe(mine);
  });

  it('password reset: link from the mail, every old session ends, the new password signs in', async () => {
    const email = await verifiedAccount(platform);
    const laptop = await signedInBrowser(platform, email);
    const phone = await signedInBrowser(platform, email);

    const anonymous = browser(platform);
    const before = lastMailId(platform);
    expect((await anonymous.send(REQUEST_RESET, { email })).data).toEqual({ requestPasswordReset: true });
    expect((await anonymous.send(REQUEST_RESET, { email: newEmail('nobody') })).data).toEqual({ requestPasswordReset: true });
    const token = await tokenFromMail(platform, email, 'reset-password', before);

    expect((await anonymous.send(RESET, { token, newPassword: NEW_PASSWORD })).data).toEqual({ resetPassword: true });
    expect((await laptop.send(ME)).data).toEqual({ me: null });
    expect((await phone.send(ME)).data).toEqual({ me: null });

    expect(codeOf(await browser(platform).send(SIGN_IN, { email, password: PASSWORD }))).toBe('INVALID_CREDENTIALS');
    const again = await signedInBrowser(platform, email, NEW_PASSWORD);
    expect((await again.send<{ me: Me }>(ME)).data?.me.email).toBe(email);
    expect(codeOf(await anonymous.send(RESET, { token, newPassword: 'yet another passphrase 99' }))).toBe('TOKEN_INVALID');
  });

  it("signing out everywhere from one browser ends the other browser's session", async () => {
    const email = await verifiedAccount(platform);
    const laptop = await signedInBrowser(platform, email);
    const phone = await signedInBrowser(platform, email);
    expect((await phone.send<{ me: Me }>(ME)).data?.me.email).toBe(email);
    const everywhere = await laptop.send(SIGN_OUT_EVERYWHERE);
    expect(everywhere.data).toEqual({ signOutEverywhere: true });
    expect(laptop.jar.header()).toBeUndefined();
    expect((await phone.send(ME)).data).toEqual({ me: null });
    expect(phone.jar.header()).toBeUndefined();
  });

  it('renews a session used in the second half of its life with a refreshed cookie', async () => {
    const email = await verifiedAccount(platform);
    const b = await signedInBrowser(platform, email);
    const token = b.jar.get('sid')!.value;
    const db = await connectDatabase(platform.mongo.uri, platform.dbNames.users);
    try {
      // Ten days left of thirty: past half-life, so the next use renews it.
      const tenDays = new Date(Date.now() + 10 * 24 * 3600 * 1000);
      await db.collection('sessions').updateOne({ _id: sessionHandle(token) as never }, { $set: { expiresAt: tenDays } });
      const renewed = await b.send<{ me: Me }>(ME);
      expect(renewed.data?.me.email).toBe(email);
      expect(renewed.headers.get('set-cookie')).toMatch(new RegExp(`^sid=${token}; `));
      expect(Number(b.jar.get('sid')!.attributes['max-age'])).toBeGreaterThan(29 * 24 * 3600);
      const stored = await db.collection('sessions').findOne({ _id: sessionHandle(token) as never });
      expect((stored?.expiresAt as Date).getTime()).toBeGreaterThan(Date.now() + 29 * 24 * 3600 * 1000);
      expect((await b.send(ME)).headers.get('set-cookie')).toBeNull();
    } finally {
      await db.close();
    }
  });

  it('in production mode the cookie is __Host-sid and Secure', async () => {
    const production = await platform.startGateway({ production: true, identityKey: DEV_IDENTITY_SIGNING_KEY, trustProxy: 1 });
    const email = await verifiedAccount(platform);
    const b = browser(platform, `${production.url}/graphql`);
    const signedIn = await b.send(SIGN_IN, { email, password: PASSWORD });
    expect(signedIn.errors).toBeUndefined();
    expect(b.jar.get('sid')).toBeUndefined();
    expect(b.jar.get('__Host-sid')?.attributes).toMatchObject({ secure: '', httponly: '', samesite: 'Lax', path: '/' });
    expect((await b.send<{ me: Me }>(ME)).data?.me.email).toBe(email);
  });
});
