import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRateLimiter, ensureAuthIndexes, loginLimitKeys, rateLimitModel, resetLimitKeys, type LimitKey } from '../src/index.ts';
import { databaseServer } from './helpers.ts';

const server = databaseServer();
beforeAll(() => server.start());
afterAll(() => server.stop());

const SECOND = 1000;
const t0 = new Date('2026-11-21T12:00:00Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * SECOND);

/** Two limiters on two connections to one database: two instances of a service. */
async function twoInstances() {
  const db = await server.connect();
  await ensureAuthIndexes(db);
  const other = await server.connect(db.name);
  return { db, a: createRateLimiter(db), b: createRateLimiter(other) };
}

const accountOnly = (email: string): LimitKey[] => loginLimitKeys({ email, ip: '198.51.100.1' }).slice(0, 1);

describe('rate limiter', () => {
  it('allows 5 sign-in attempts, then backs off exponentially, across two instances', async () => {
    const { a, b } = await twoInstances();
    const keys = accountOnly('ann@example.test');
    // Five attempts alternate between the instances; the fifth starts a 30 s block.
    for (let i = 0; i < 5; i += 1) expect(await (i % 2 === 0 ? a : b).attempt(keys, at(i))).toEqual({ allowed: true, retryAfterSeconds: 0 });
    expect(await a.attempt(keys, at(5))).toEqual({ allowed: false, retryAfterSeconds: 29 });
    expect(await b.attempt(keys, at(5))).toEqual({ allowed: false, retryAfterSeconds: 29 });
    expect(await b.peek(keys, at(33))).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(await b.peek(keys, at(34))).toEqual({ allowed: true, retryAfterSeconds: 0 });
    // Refused attempts are not counted: after the block one attempt goes, then 60 s.
    expect((await b.attempt(keys, at(34))).allowed).toBe(true);
    expect(await a.attempt(keys, at(35))).toEqual({ allowed: false, retryAfterSeconds: 59 });
    expect((await a.attempt(keys, at(94))).allowed).toBe(true);
    expect(await b.attempt(keys, at(95))).toEqual({ allowed: false, retryAfterSeconds: 119 });
  });

  it('a success clears the account key so the user starts over', async () => {
    const { db, a, b } = await twoInstances();
    const keys = accountOnly('bo@example.test');
    for (let i = 0; i < 4; i += 1) await a.attempt(keys, at(i));
    await b.succeeded(keys);
    expect(await rateLimitModel(db).countDocuments()).toBe(0);
    for (let i = 0; i < 5; i += 1) expect((await b.attempt(keys, at(10 + i))).allowed).toBe(true);
    expect((await a.attempt(keys, at(15))).allowed).toBe(false);
  });

  it('forgets the count a window after the last attempt', async () => {
    const { a } = await twoInstances();
    const keys = accountOnly('cy@example.test');
    for (let i = 0; i < 4; i += 1) await a.attempt(keys, at(i));
    // 15 minutes after the fourth attempt the count restarts: four more do not block.
    for (let i = 0; i < 4; i += 1) expect((await a.attempt(keys, at(3 + 15 * 60 + i))).allowed).toBe(true);
    expect((await a.attempt(keys, at(3 + 15 * 60 + 4))).allowed).toBe(true);
    expect((await a.attempt(keys, at(3 + 15 * 60 + 5))).allowed).toBe(false);
  });

  it('lets exactly 5 of 20 concurrent attempts through, over two instances', async () => {
    const { a, b } = await twoInstances();
    const keys = accountOnly('dee@example.test');
    const decisions = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? a : b).attempt(keys, at(0))));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(5);
    expect(decisions.filter((d) => !d.allowed).every((d) => d.retryAfterSeconds >= 1)).toBe(true);
  });

  it('limits per address too: many accounts from one address are stopped at 30', async () => {
    const { a } = await twoInstances();
    const ip = '203.0.113.9';
    for (let i = 0; i < 30; i += 1) expect((await a.attempt(loginLimitKeys({ email: `user${i}@example.test`, ip }), at(i))).allowed).toBe(true);
    const decision = await a.attempt(loginLimitKeys({ email: 'fresh@example.test', ip }), at(31));
    expect(decision.allowed).toBe(false);
    // The same fresh account from another address is fine.
    expect((await a.attempt(loginLimitKeys({ email: 'fresh@example.test', ip: '203.0.113.10' }), at(31))).allowed).toBe(true);
  });

  it('a success gives one attempt back to the address but does not clear it', async () => {
    const { db, a } = await twoInstances();
    const keys = loginLimitKeys({ email: 'eve@example.test', ip: '192.0.2.44' });
    await a.attempt(keys, at(0));
    await a.attempt(keys, at(1));
    await a.succeeded(keys);
    const records = await rateLimitModel(db).find().lean();
    expect(records.map((r) => [r._id.split(':').slice(0, 2).join(':'), r.attempts])).toEqual([['login:ip', 1]]);
  });

  it('reset requests count every request: the third in an hour starts a block', async () => {
    const { a } = await twoInstances();
    const keys = resetLimitKeys({ email: 'fay@example.test', ip: '192.0.2.50' });
    for (let i = 0; i < 3; i += 1) expect((await a.attempt(keys, at(i))).allowed).toBe(true);
    await a.succeeded(keys); // 'keep': nothing forgotten
    expect(await a.attempt(keys, at(3))).toEqual({ allowed: false, retryAfterSeconds: 5 * 60 - 1 });
  });

  it('stores only pseudonymous keys, counts and dates, and declares a TTL index', async () => {
    const { db, a } = await twoInstances();
    await a.attempt(loginLimitKeys({ email: 'gus@example.test', ip: '192.0.2.77' }), at(0));
    const stored = JSON.stringify(await rateLimitModel(db).find().lean());
    expect(stored).not.toMatch(/gus|example|192\.0\.2/);
    const indexes = await db.collection('rate_limits').indexes();
    expect(indexes).toContainEqual(expect.objectContaining({ key: { expiresAt: 1 }, expireAfterSeconds: 0 }));
  });
});
