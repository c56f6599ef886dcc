import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MongoHandle } from '@leadgraph/db';
import { startTestDatabase } from '@leadgraph/testing';
import { PASSWORD, SIGN_IN, anonymousFrom, newEmail, newIp, signUpVerified, startAccounts } from './helpers.ts';

let mongo: MongoHandle;
beforeAll(async () => {
  mongo = await startTestDatabase();
});
afterAll(() => mongo.stop());

type Errors = { body: { errors?: Array<{ message: string; extensions?: Record<string, unknown> }> } };
const codeOf = (res: Errors) => res.body.errors?.[0]?.extensions?.code;

describe('sign-in rate limits', () => {
  it('blocks an account after 5 failures from any addresses, even for the right password, with retryAfterSeconds', async () => {
    const a = await startAccounts(mongo);
    const { email } = await signUpVerified(a);
    for (let i = 0; i < 5; i += 1) {
      expect(codeOf(await a.call(SIGN_IN, { email, password: `wrong guess number ${i}` }, anonymousFrom(newIp())))).toBe('INVALID_CREDENTIALS');
    }
    const blocked = await a.call(SIGN_IN, { email, password: PASSWORD }, anonymousFrom(newIp()));
    expect(blocked.body.errors?.[0]?.extensions).toEqual({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
    expect(Number(blocked.body.errors?.[0]?.extensions?.retryAfterSeconds)).toBeGreaterThan(0);
    expect(blocked.session).toBeNull();
  });

  it('blocks an address after 30 failures across accounts; another address still gets in', async () => {
    const a = await startAccounts(mongo);
    const { email } = await signUpVerified(a);
    const attacker = newIp();
    for (let i = 0; i < 30; i += 1) {
      expect(codeOf(await a.call(SIGN_IN, { email: newEmail(), password: 'some guessed password' }, anonymousFrom(attacker)))).toBe('INVALID_CREDENTIALS');
    }
    expect(codeOf(await a.call(SIGN_IN, { email, password: PASSWORD }, anonymousFrom(attacker)))).toBe('RATE_LIMITED');
    expect((await a.call(SIGN_IN, { email, password: PASSWORD }, anonymousFrom(newIp()))).session?.action).toBe('set');
  });
});
