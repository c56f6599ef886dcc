import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionModel, tokenModel } from '@leadgraph/auth';
import type { MongoHandle } from '@leadgraph/db';
import { mailOutbox } from '@leadgraph/mail';
import { startTestDatabase } from '@leadgraph/testing';
import { userModel } from '../src/models/user.ts';
import { PASSWORD, SIGN_IN, SIGN_UP, anonymousFrom, newEmail, newIp, signInAs, signUpVerified, startAccounts, tokenFromMail, tokensFromMails } from './helpers.ts';

let mongo: MongoHandle;
beforeAll(async () => {
  mongo = await startTestDatabase();
});
afterAll(() => mongo.stop());

const input = (overrides: Record<string, unknown> = {}) => ({
  name: 'Robin Fairweather',
  email: newEmail(),
  password: PASSWORD,
  role: 'PRO',
  companyName: 'Fairweather Plumbing',
  dateOfBirth: '1990-05-17',
  ...overrides,
});

describe('sign-up, email verification and sign-in', () => {
  it('signs up, mails a confirmation link, verifies with its token, then signs in with the session hand-off header', async () => {
    const a = await startAccounts(mongo);
    const email = newEmail('Robin');
    const signedUp = await a.call(SIGN_UP, { input: input({ email }) }, anonymousFrom(newIp()));
    expect(signedUp.body).toEqual({ data: { signUp: { accepted: true } } });
    expect(signedUp.session).toBeNull();

    const stored = await userModel(a.db).findOne({ email: email.toLowerCase() }).lean();
    expect(stored).toMatchObject({ role: 'pro', companyName: 'Fairweather Plumbing', dateOfBirth: '1990-05-17', emailVerifiedAt: null });
    expect(stored?.passwordHash).toMatch(/^\$argon2id\$/);

    const early = await a.call(SIGN_IN, { email, password: PASSWORD });
    expect(early.body.errors?.map((e) => e.extensions?.code)).toEqual(['EMAIL_NOT_VERIFIED']);
    expect(early.session).toBeNull();
    expect(await sessionModel(a.db).countDocuments({ userId: stored?._id.toHexString() })).toBe(0);

    const token = await tokenFromMail(a.catcher, email, 'verify-email');
    const mail = a.catcher.messages().find((m) => m.envelope.to.includes(email.toLowerCase()));
    expect(mail?.text).toContain(`http://localhost:4000/verify-email?token=`);
    expect((await a.call('mutation ($t: String!) { verifyEmail(token: $t) }', { t: token })).body).toEqual({ data: { verifyEmail: true } });
    const again = await a.call('mutation ($t: String!) { verifyEmail(token: $t) }', { t: token });
    expect(again.body.errors?.map((e) => e.extensions?.code)).toEqual(['TOKEN_INVALID']);

    const signedIn = await a.call<{ signIn: { user: { id: string; email: string; emailVerified: boolean; role: string } } }>(SIGN_IN, { email: email.toUpperCase(), password: PASSWORD });
    expect(signedIn.body.data?.signIn.user).toEqual({ id: stored?._id.toHexString(), email: email.toLowerCase(), emailVerified: true, role: 'PRO' });
    expect(signedIn.session).toMatchObject({ action: 'set', token: expect.stringMatching(/^[a-z2-7]{40}$/) });
    expect(new Date(signedIn.session?.expiresAt ?? 0).getTime()).toBeGreaterThan(Date.now() + 29 * 24 * 3600 * 1000);
    expect(await sessionModel(a.db).countDocuments({ userId: stored?._id.toHexString() })).toBe(1);
  });

  it.each([
    ['a weak password', { password: 'password123' }, 'WEAK_PASSWORD'],
    ['a password containing the name', { password: 'fairweather-robin-2024' }, 'WEAK_PASSWORD'],
    ['a malformed email', { email: 'robin.example.com' }, 'INVALID_EMAIL'],
    ['a minor', { dateOfBirth: `${new Date().getUTCFullYear() - 17}-01-01` }, 'UNDERAGE'],
    ['an impossible date', { dateOfBirth: '2001-02-29' }, 'INVALID_DATE_OF_BIRTH'],
    ['a date that is not YYYY-MM-DD', { dateOfBirth: '17/05/1990' }, 'INVALID_DATE_OF_BIRTH'],
    ['an empty name', { name: '   ' }, 'BAD_USER_INPUT'],
    ['a megabyte password', { password: 'x'.repeat(2000) }, 'BAD_USER_INPUT'],
  ])('refuses %s with its code and writes nothing', async (_label, overrides, code) => {
    const a = await startAccounts(mongo);
    const res = await a.call(SIGN_UP, { input: input(overrides) }, anonymousFrom(newIp()));
    expect(res.body.errors?.map((e) => e.extensions?.code)).toEqual([code]);
    expect(res.body.data).toBeNull();
    expect(await userModel(a.db).countDocuments()).toBe(0);
    expect(await tokenModel(a.db).countDocuments()).toBe(0);
    expect(await mailOutbox(a.db).countDocuments()).toBe(0);
  });

  it('refuses an address already registered in another letter case with EMAIL_TAKEN, writing nothing', async () => {
    const a = await startAccounts(mongo);
    const { email } = await signUpVerified(a);
    const [users, tokens, mails] = await Promise.all([userModel(a.db).countDocuments(), tokenModel(a.db).countDocuments(), mailOutbox(a.db).countDocuments()]);
    const res = await a.call(SIGN_UP, { input: input({ email: `  ${email.toUpperCase()} ` }) }, anonymousFrom(newIp()));
    expect(res.body.errors?.map((e) => e.extensions?.code)).toEqual(['EMAIL_TAKEN']);
    expect(await userModel(a.db).countDocuments()).toBe(users);
    expect(await tokenModel(a.db).countDocuments()).toBe(tokens);
    expect(await mailOutbox(a.db).countDocuments()).toBe(mails);
  });

  it('refuses a wrong password and an unknown address with the same INVALID_CREDENTIALS', async () => {
    const a = await startAccounts(mongo);
    const { email } = await signUpVerified(a);
    const wrong = await a.call(SIGN_IN, { email, password: 'not the password at all' }, anonymousFrom(newIp()));
    const unknown = await a.call(SIGN_IN, { email: newEmail(), password: PASSWORD }, anonymousFrom(newIp()));
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.errors?.map((e) => [e.message, e.extensions])).toEqual([['The email address or password is incorrect.', { code: 'INVALID_CREDENTIALS' }]]);
  });

  it('resends a confirmation link to an unconfirmed account only, answering true either way', async () => {
    const a = await startAccounts(mongo);
    const email = newEmail();
    await a.call(SIGN_UP, { input: input({ email }) }, anonymousFrom(newIp()));
    const first = await tokenFromMail(a.catcher, email, 'verify-email');
    const resend = 'mutation ($e: String!) { resendVerification(email: $e) }';
    expect((await a.call(resend, { e: email }, anonymousFrom(newIp()))).body).toEqual({ data: { resendVerification: true } });
    expect((await a.call(resend, { e: newEmail() }, anonymousFrom(newIp()))).body).toEqual({ data: { resendVerification: true } });
    const [, second] = await tokensFromMails(a.catcher, email, 'verify-email', 2);
    const old = await a.call('mutation ($t: String!) { verifyEmail(token: $t) }', { t: first });
    expect(old.body.errors?.map((e) => e.extensions?.code)).toEqual(['TOKEN_INVALID']);
    expect(second).not.toBe(first);
  });

  it('answers me with the signed-in user (email in clear to themself) and null when anonymous', async () => {
    const a = await startAccounts(mongo);
    const { email } = await signUpVerified(a, { role: 'PRO' });
    const session = await signInAs(a, email);
    const me = await a.call<{ me: { id: string; email: string } | null }>('{ me { id email } }', undefined, session.headers());
    expect(me.body.data?.me).toEqual({ id: session.userId, email: email.toLowerCase() });
    expect((await a.call('{ me { id } }')).body).toEqual({ data: { me: null } });
  });

  it('signs out: ends this session only and asks the gateway to clear the cookie', async () => {
    const a = await startAccounts(mongo);
    const { email } = await signUpVerified(a);
    const one = await signInAs(a, email);
    const two = await signInAs(a, email);
    const out = await a.call('mutation { signOut }', undefined, one.headers());
    expect(out.body).toEqual({ data: { signOut: true } });
    expect(out.session).toEqual({ action: 'clear' });
    const left = await sessionModel(a.db).find({ userId: one.userId }).lean();
    expect(left.map((s) => s._id)).toEqual([two.identity.sessionId]);
  });

  it('signs out everywhere', async () => {
    const a = await startAccounts(mongo);
    const { email } = await signUpVerified(a);
    const one = await signInAs(a, email);
    await signInAs(a, email);
    const out = await a.call('mutation { signOutEverywhere }', undefined, one.headers());
    expect(out.body).toEqual({ data: { signOutEverywhere: true } });
    expect(out.session).toEqual({ action: 'clear' });
    expect(await sessionModel(a.db).countDocuments({ userId: one.userId })).toBe(0);
  });
});
