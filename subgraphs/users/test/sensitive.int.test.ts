import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionModel, tokenModel } from '@leadgraph/auth';
import type { MongoHandle } from '@leadgraph/db';
import { startTestDatabase } from '@leadgraph/testing';
import { accountDeletionModel } from '../src/models/account-deletion.ts';
import { userModel } from '../src/models/user.ts';
import { PASSWORD, SIGN_IN, anonymousFrom, newEmail, newIp, signInAs, signUpVerified, startAccounts, tokenFromMail } from './helpers.ts';

let mongo: MongoHandle;
beforeAll(async () => {
  mongo = await startTestDatabase();
});
afterAll(() => mongo.stop());

const DELETE = 'mutation ($p: String!) { deleteMyAccount(password: $p) }';
const REQUEST_CHANGE = 'mutation ($e: String!, $p: String!) { requestEmailChange(newEmail: $e, password: $p) }';
const CONFIRM_CHANGE = 'mutation ($t: String!) { confirmEmailChange(token: $t) }';
const codes = (res: { body: { errors?: Array<{ extensions?: Record<string, unknown> }> } }) => res.body.errors?.map((e) => e.extensions?.code);
const minutesAgo = (m: number) => Date.now() - m * 60_000;

describe('deleteMyAccount', () => {
  it('requires a recent sign-in (REAUTH_REQUIRED) and the password', async () => {
    const a = await startAccounts(mongo, { recentAuthMinutes: 5 });
    const { email } = await signUpVerified(a);
    const session = await signInAs(a, email);
    expect(codes(await a.call(DELETE, { p: PASSWORD }, session.headers(minutesAgo(6))))).toEqual(['REAUTH_REQUIRED']);
    expect(codes(await a.call(DELETE, { p: 'not my password at all' }, session.headers(minutesAgo(4))))).toEqual(['INVALID_CREDENTIALS']);
    expect(await userModel(a.db).countDocuments({ disabledAt: { $ne: null } })).toBe(0);
    expect(codes(await a.call(DELETE, { p: PASSWORD }))).toEqual(['UNAUTHENTICATED']);
  });

  it('disables the account, ends every session, erases tokens and records the deletion for the privacy service', async () => {
    const a = await startAccounts(mongo);
    const { email } = await signUpVerified(a);
    const session = await signInAs(a, email);
    await signInAs(a, email);
    const res = await a.call(DELETE, { p: PASSWORD }, session.headers());
    expect(res.body).toEqual({ data: { deleteMyAccount: true } });
    expect(res.session).toEqual({ action: 'clear' });
    const user = await userModel(a.db).findById(session.userId).lean();
    expect(user?.disabledAt).toBeInstanceOf(Date);
    expect(await sessionModel(a.db).countDocuments({ userId: session.userId })).toBe(0);
    expect(await tokenModel(a.db).countDocuments({ userId: session.userId })).toBe(0);
    expect(await accountDeletionModel(a.db).find({}, { _id: 0, userId: 1, status: 1 }).lean()).toEqual([{ userId: session.userId, status: 'pending' }]);
    expect(codes(await a.call(SIGN_IN, { email, password: PASSWORD }, anonymousFrom(newIp())))).toEqual(['INVALID_CREDENTIALS']);
    expect((await a.call('{ me { id } }', undefined, session.headers())).body).toEqual({ data: { me: null } });
  });
});

describe('email change', () => {
  it('mails a link to the new address; confirming it switches the sign-in address', async () => {
    const a = await startAccounts(mongo);
    const { email } = await signUpVerified(a);
    const session = await signInAs(a, email);
    const next = newEmail('moved');
    const requested = await a.call(REQUEST_CHANGE, { e: next, p: PASSWORD }, session.headers());
    expect(requested.body).toEqual({ data: { requestEmailChange: true } });
    expect((await userModel(a.db).findById(session.userId).lean())?.email).toBe(email.toLowerCase());
    const token = await tokenFromMail(a.catcher, next, 'confirm-email');
    expect((await a.call(CONFIRM_CHANGE, { t: token })).body).toEqual({ data: { confirmEmailChange: true } });
    expect(codes(await a.call(CONFIRM_CHANGE, { t: token }))).toEqual(['TOKEN_INVALID']);
    expect(await userModel(a.db).findById(session.userId).lean()).toMatchObject({ email: next, pendingEmail: null });
    expect(codes(await a.call(SIGN_IN, { email, password: PASSWORD }, anonymousFrom(newIp())))).toEqual(['INVALID_CREDENTIALS']);
    expect((await a.call(SIGN_IN, { email: next, password: PASSWORD }, anonymousFrom(newIp()))).session?.action).toBe('set');
  });

  it('requires a recent sign-in, refuses a malformed address and says nothing about a taken one', async () => {
    const a = await startAccounts(mongo, { recentAuthMinutes: 5 });
    const { email } = await signUpVerified(a);
    const other = await signUpVerified(a);
    const session = await signInAs(a, email);
    expect(codes(await a.call(REQUEST_CHANGE, { e: newEmail(), p: PASSWORD }, session.headers(minutesAgo(6))))).toEqual(['REAUTH_REQUIRED']);
    expect(codes(await a.call(REQUEST_CHANGE, { e: 'not-an-address', p: PASSWORD }, session.headers()))).toEqual(['INVALID_EMAIL']);
    const taken = await a.call(REQUEST_CHANGE, { e: other.email.toUpperCase(), p: PASSWORD }, session.headers());
    expect(taken.body).toEqual({ data: { requestEmailChange: true } });
    expect(await tokenModel(a.db).countDocuments({ purpose: 'change-email' })).toBe(0);
  });
});
