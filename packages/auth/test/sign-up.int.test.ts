import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthErrorCode, signIn, signUp, verifyEmail } from '../src/index.ts';
import { PASSWORD, codeOf, flowSetup } from './flow-helpers.ts';
import { databaseServer } from './helpers.ts';

const server = databaseServer();
beforeAll(() => server.start());
afterAll(() => server.stop());

const now = new Date('2026-11-21T12:00:00Z');
const ip = '192.0.2.20';
const base = { email: 'Bo@Example.test', password: 'maple harbour quietly 9', name: 'Bo Stone', dateOfBirth: '1990-05-01', role: 'pro' as const, ip, now };

describe('signUp and verifyEmail', () => {
  it('creates an unverified account with a normalised email and mails a confirmation link that works once', async () => {
    const { deps, mailer, sent, accounts } = await flowSetup(await server.connect());
    await signUp(deps, mailer, base);
    const created = [...accounts.byId.values()].find((a) => a.email === 'bo@example.test');
    expect(created).toMatchObject({ role: 'pro', name: 'Bo Stone', dateOfBirth: '1990-05-01', emailVerified: false, passwordHash: expect.stringMatching(/^\$argon2id\$/) });
    expect(sent).toEqual([{ kind: 'verify', to: 'bo@example.test', token: expect.stringMatching(/^[\w-]{43}$/) }]);
    const token = sent[0]?.token ?? '';
    expect(await verifyEmail(deps, { token })).toEqual({ userId: created?.id });
    expect(accounts.byId.get(created?.id ?? '')?.emailVerified).toBe(true);
    expect(await codeOf(verifyEmail(deps, { token }))).toMatchObject({ code: AuthErrorCode.TokenInvalid });
  });

  it('answers an existing address exactly like a new one, and mails its owner instead', async () => {
    const { deps, mailer, sent, accounts, ann } = await flowSetup(await server.connect());
    const before = accounts.byId.size;
    expect(await codeOf(signUp(deps, mailer, { ...base, email: 'ANN@example.test' }))).toBe('resolved');
    expect(accounts.byId.size).toBe(before);
    expect(sent).toEqual([{ kind: 'already-registered', to: ann.email }]);
    // The existing password still works; nothing was overwritten.
    expect(await codeOf(signIn(deps, { email: ann.email, password: PASSWORD, ip }))).toBe('resolved');
  });

  it('refuses under-18s and stores nothing about them', async () => {
    const { deps, mailer, sent, accounts } = await flowSetup(await server.connect());
    const before = accounts.byId.size;
    expect(await codeOf(signUp(deps, mailer, { ...base, dateOfBirth: '2008-11-22' }))).toMatchObject({ code: AuthErrorCode.Underage });
    expect(await codeOf(signUp(deps, mailer, { ...base, dateOfBirth: '2008-11-21' }))).toBe('resolved');
    expect(accounts.byId.size).toBe(before + 1);
    expect(sent.map((m) => m.kind)).toEqual(['verify']);
  });

  it('answers bad input with precise codes', async () => {
    const { deps, mailer } = await flowSetup(await server.connect());
    expect(await codeOf(signUp(deps, mailer, { ...base, email: 'not-an-email' }))).toMatchObject({ code: AuthErrorCode.InvalidEmail });
    expect(await codeOf(signUp(deps, mailer, { ...base, email: 'a@b' }))).toMatchObject({ code: AuthErrorCode.InvalidEmail });
    expect(await codeOf(signUp(deps, mailer, { ...base, dateOfBirth: '1990-02-30' }))).toMatchObject({ code: AuthErrorCode.InvalidDateOfBirth });
    expect(await codeOf(signUp(deps, mailer, { ...base, password: 'stone-stone-99' }))).toMatchObject({
      code: AuthErrorCode.WeakPassword,
      details: { problems: ['CONTAINS_NAME'] },
    });
    expect(await codeOf(signUp(deps, mailer, { ...base, role: 'admin' as 'pro' }))).toMatchObject({ message: 'signUp: role must be client or pro' });
  });

  it('limits sign-ups per address: the eleventh in an hour is refused', async () => {
    const { deps, mailer } = await flowSetup(await server.connect());
    for (let i = 0; i < 10; i += 1) await signUp(deps, mailer, { ...base, email: `p${i}@example.test` });
    expect(await codeOf(signUp(deps, mailer, { ...base, email: 'p10@example.test' }))).toMatchObject({ code: AuthErrorCode.RateLimited });
  });
});
