import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthErrorCode, changePassword, hashPassword, peekToken, reauthenticate, requestPasswordReset, resetPassword, signIn } from '../src/index.ts';
import { NEW_PASSWORD, PASSWORD, codeOf, flowSetup } from './flow-helpers.ts';
import { databaseServer } from './helpers.ts';

const server = databaseServer();
beforeAll(() => server.start());
afterAll(() => server.stop());

const ip = '192.0.2.10';

async function setup() {
  return flowSetup(await server.connect());
}

describe('signIn', () => {
  it('creates a session for the right password, with the email in any case', async () => {
    const { deps, ann, sessions } = await setup();
    const { token, session } = await signIn(deps, { email: ' ANN@example.test', password: PASSWORD, ip });
    expect(session.userId).toBe(ann.id);
    expect((await sessions.validateSessionToken(token))?.user).toEqual({ id: ann.id, role: 'client' });
  });

  it('answers unknown email, wrong password and disabled account identically', async () => {
    const { deps, ann, accounts } = await setup();
    const wrong = await codeOf(signIn(deps, { email: ann.email, password: 'not the password at all', ip }));
    const unknown = await codeOf(signIn(deps, { email: 'nobody@example.test', password: PASSWORD, ip }));
    accounts.byId.set(ann.id, { ...ann, disabled: true });
    const disabled = await codeOf(signIn(deps, { email: ann.email, password: PASSWORD, ip }));
    expect(wrong).toEqual({ code: AuthErrorCode.InvalidCredentials, message: 'The email address or password is incorrect.', details: {} });
    expect(unknown).toEqual(wrong);
    expect(disabled).toEqual(wrong);
  });

  it('backs off after 5 failures, even for the right password, and for unknown accounts alike', async () => {
    const { deps, ann } = await setup();
    for (const email of [ann.email, 'nobody@example.test']) {
      for (let i = 0; i < 5; i += 1) expect(await codeOf(signIn(deps, { email, password: 'wrong wrong wrong', ip }))).toMatchObject({ code: AuthErrorCode.InvalidCredentials });
      expect(await codeOf(signIn(deps, { email, password: PASSWORD, ip }))).toMatchObject({ code: AuthErrorCode.RateLimited, details: { retryAfterSeconds: 30 } });
    }
  });

  it('ends the session the client came with, and upgrades an outdated hash', async () => {
    const { deps, ann, accounts, sessions } = await setup();
    const old = await hashPassword(PASSWORD, { memoryCost: 2048, timeCost: 1, parallelism: 1 });
    accounts.byId.set(ann.id, { ...ann, passwordHash: old });
    const first = await signIn(deps, { email: ann.email, password: PASSWORD, ip });
    expect(accounts.byId.get(ann.id)?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=1024,t=1,p=1\$/);
    const second = await signIn(deps, { email: ann.email, password: PASSWORD, ip, previousToken: first.token });
    expect(await sessions.validateSessionToken(first.token)).toBeNull();
    expect(second.token).not.toBe(first.token);
  });
});

describe('password reset', () => {
  it('answers the same for known and unknown addresses; only the account gets a link', async () => {
    const { deps, mailer, sent, ann } = await setup();
    expect(await codeOf(requestPasswordReset(deps, mailer, { email: 'ANN@example.test', ip }))).toBe('resolved');
    expect(await codeOf(requestPasswordReset(deps, mailer, { email: 'nobody@example.test', ip }))).toBe('resolved');
    expect(sent).toEqual([
      { kind: 'reset', to: ann.email, token: expect.stringMatching(/^[\w-]{43}$/) },
      { kind: 'no-account', to: 'nobody@example.test' },
    ]);
  });

  it('limits requests per address: the fourth in an hour is refused', async () => {
    const { deps, mailer } = await setup();
    for (let i = 0; i < 3; i += 1) await requestPasswordReset(deps, mailer, { email: 'ann@example.test', ip });
    expect(await codeOf(requestPasswordReset(deps, mailer, { email: 'ann@example.test', ip }))).toMatchObject({ code: AuthErrorCode.RateLimited });
  });

  it('a weak new password is refused without burning the link; a good one ends every session, once', async () => {
    const { db, deps, mailer, sent, ann, sessions } = await setup();
    const signedIn = await signIn(deps, { email: ann.email, password: PASSWORD, ip });
    await requestPasswordReset(deps, mailer, { email: ann.email, ip });
    const token = sent[0]?.token ?? '';
    expect(await codeOf(resetPassword(deps, { token, newPassword: 'annlee-is-great-42' }))).toMatchObject({
      code: AuthErrorCode.WeakPassword,
      details: { problems: ['CONTAINS_EMAIL', 'CONTAINS_NAME'] },
    });
    expect(await peekToken(db, { token, purpose: 'reset-password' })).toEqual({ userId: ann.id });
    expect(await resetPassword(deps, { token, newPassword: NEW_PASSWORD })).toEqual({ userId: ann.id });
    expect(await sessions.validateSessionToken(signedIn.token)).toBeNull();
    expect(await codeOf(resetPassword(deps, { token, newPassword: NEW_PASSWORD }))).toMatchObject({ code: AuthErrorCode.TokenInvalid });
    expect(await codeOf(signIn(deps, { email: ann.email, password: PASSWORD, ip }))).toMatchObject({ code: AuthErrorCode.InvalidCredentials });
    expect(await codeOf(signIn(deps, { email: ann.email, password: NEW_PASSWORD, ip }))).toBe('resolved');
  });
});

describe('changePassword and reauthenticate', () => {
  it('needs the current password, then ends the other sessions and keeps this one fresh', async () => {
    const { deps, ann, sessions } = await setup();
    const here = await signIn(deps, { email: ann.email, password: PASSWORD, ip });
    const elsewhere = await signIn(deps, { email: ann.email, password: PASSWORD, ip });
    const input = { userId: ann.id, token: here.token, ip, newPassword: NEW_PASSWORD };
    expect(await codeOf(changePassword(deps, { ...input, currentPassword: 'wrong wrong wrong' }))).toMatchObject({ code: AuthErrorCode.InvalidCredentials });
    expect(await codeOf(changePassword(deps, { ...input, currentPassword: PASSWORD, newPassword: 'password123' }))).toMatchObject({ code: AuthErrorCode.WeakPassword });
    expect(await changePassword(deps, { ...input, currentPassword: PASSWORD })).toEqual({ endedSessions: 1 });
    expect(await sessions.validateSessionToken(elsewhere.token)).toBeNull();
    expect(await sessions.validateSessionToken(here.token)).not.toBeNull();
  });

  it('reauthenticate moves authenticatedAt of the current session to now', async () => {
    const { deps, ann, sessions } = await setup();
    const { token } = await sessions.createSession(ann.id, { role: 'client', authenticatedAt: new Date(Date.now() - 3_600_000) });
    expect(await codeOf(reauthenticate(deps, { userId: ann.id, token, password: 'wrong wrong wrong', ip }))).toMatchObject({ code: AuthErrorCode.InvalidCredentials });
    const before = Date.now();
    await reauthenticate(deps, { userId: ann.id, token, password: PASSWORD, ip });
    expect((await sessions.validateSessionToken(token))?.session.authenticatedAt.getTime()).toBeGreaterThanOrEqual(before);
  });
});
