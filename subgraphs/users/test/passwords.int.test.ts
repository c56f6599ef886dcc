import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionModel, tokenModel } from '@leadgraph/auth';
import type { MongoHandle } from '@leadgraph/db';
import { startTestDatabase } from '@leadgraph/testing';
import { PASSWORD, SIGN_IN, anonymousFrom, newEmail, newIp, signInAs, signUpVerified, startAccounts, tokenFromMail } from './helpers.ts';

let mongo: MongoHandle;
beforeAll(async () => {
  mongo = await startTestDatabase();
});
afterAll(() => mongo.stop());

const REQUEST = 'mutation ($e: String!) { requestPasswordReset(email: $e) }';
const RESET = 'mutation ($t: String!, $p: String!) { resetPassword(token: $t, newPassword: $p) }';
const CHANGE = 'mutation ($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }';
const NEW_PASSWORD = 'a brand new passphrase 7';
const codes = (res: { body: { errors?: Array<{ extensions?: Record<string, unknown> }> } }) => res.body.errors?.map((e) => e.extensions?.code);

describe('password reset', () => {
  it('mails a one-time link; the token resets the password once and ends every session', async () => {
    const a = await startAccounts(mongo);
    const { email } = await signUpVerified(a);
    const session = await signInAs(a, email);
    const requested = await a.call(REQUEST, { e: email.toUpperCase() }, anonymousFrom(newIp()));
    expect(requested.body).toEqual({ data: { requestPasswordReset: true } });
    const token = await tokenFromMail(a.catcher, email, 'reset-password');

    const weak = await a.call(RESET, { t: token, p: 'password' });
    expect(codes(weak)).toEqual(['WEAK_PASSWORD']);
    const reset = await a.call(RESET, { t: token, p: NEW_PASSWORD }, session.headers());
    expect(reset.body).toEqual({ data: { resetPassword: true } });
    expect(reset.session).toEqual({ action: 'clear' });
    expect(await sessionModel(a.db).countDocuments({ userId: session.userId })).toBe(0);

    expect(codes(await a.call(RESET, { t: token, p: 'yet another passphrase 8' }))).toEqual(['TOKEN_INVALID']);
    expect(codes(await a.call(SIGN_IN, { email, password: PASSWORD }, anonymousFrom(newIp())))).toEqual(['INVALID_CREDENTIALS']);
    expect((await a.call(SIGN_IN, { email, password: NEW_PASSWORD }, anonymousFrom(newIp()))).session?.action).toBe('set');
  });

  it('refuses an expired token with TOKEN_INVALID', async () => {
    const a = await startAccounts(mongo);
    const { email } = await signUpVerified(a);
    await a.call(REQUEST, { e: email }, anonymousFrom(newIp()));
    const token = await tokenFromMail(a.catcher, email, 'reset-password');
    await tokenModel(a.db).updateMany({ purpose: 'reset-password' }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    expect(codes(await a.call(RESET, { t: token, p: NEW_PASSWORD }))).toEqual(['TOKEN_INVALID']);
  });

  it('stores the token hashed and valid one hour', async () => {
    const a = await startAccounts(mongo);
    const { email } = await signUpVerified(a);
    await a.call(REQUEST, { e: email }, anonymousFrom(newIp()));
    const token = await tokenFromMail(a.catcher, email, 'reset-password');
    const stored = await tokenModel(a.db).findOne({ purpose: 'reset-password' }).lean();
    expect(stored?._id).not.toBe(token);
    expect(JSON.stringify(stored)).not.toContain(token);
    const lifetime = (stored?.expiresAt.getTime() ?? 0) - (stored?.createdAt.getTime() ?? 0);
    expect(lifetime).toBe(60 * 60 * 1000);
  });

  it('answers the same for an address without an account, and mails nothing', async () => {
    const a = await startAccounts(mongo);
    const { email } = await signUpVerified(a);
    const known = await a.call(REQUEST, { e: email }, anonymousFrom(newIp()));
    const stranger = newEmail();
    const unknown = await a.call(REQUEST, { e: stranger }, anonymousFrom(newIp()));
    expect(unknown.body).toEqual(known.body);
    await tokenFromMail(a.catcher, email, 'reset-password');
    expect(a.catcher.messages().filter((m) => m.envelope.to.includes(stranger))).toEqual([]);
  });

  it('limits reset requests per address typed: RATE_LIMITED with retryAfterSeconds after 3', async () => {
    const a = await startAccounts(mongo);
    const { email } = await signUpVerified(a);
    for (let i = 0; i < 3; i += 1) expect((await a.call(REQUEST, { e: email }, anonymousFrom(newIp()))).body.errors).toBeUndefined();
    const limited = await a.call(REQUEST, { e: email }, anonymousFrom(newIp()));
    expect(limited.body.errors?.[0]?.extensions).toEqual({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
  });
});

describe('change password', () => {
  it('needs the current password, then ends every other session and keeps this one', async () => {
    const a = await startAccounts(mongo);
    const { email } = await signUpVerified(a);
    const here = await signInAs(a, email);
    const elsewhere = await signInAs(a, email);
    expect(codes(await a.call(CHANGE, { c: 'wrong password entirely', n: NEW_PASSWORD }, here.headers()))).toEqual(['INVALID_CREDENTIALS']);
    expect(codes(await a.call(CHANGE, { c: PASSWORD, n: 'password123' }, here.headers()))).toEqual(['WEAK_PASSWORD']);
    const changed = await a.call(CHANGE, { c: PASSWORD, n: NEW_PASSWORD }, here.headers());
    expect(changed.body).toEqual({ data: { changePassword: true } });
    const left = await sessionModel(a.db).find({ userId: here.userId }).lean();
    expect(left.map((s) => s._id)).toEqual([here.identity.sessionId]);
    expect(left.map((s) => s._id)).not.toContain(elsewhere.identity.sessionId);
    expect((await a.call(SIGN_IN, { email, password: NEW_PASSWORD }, anonymousFrom(newIp()))).session?.action).toBe('set');
  });

  it('is refused to an anonymous caller with UNAUTHENTICATED', async () => {
    const a = await startAccounts(mongo);
    expect(codes(await a.call(CHANGE, { c: PASSWORD, n: NEW_PASSWORD }))).toEqual(['UNAUTHENTICATED']);
  });
});
