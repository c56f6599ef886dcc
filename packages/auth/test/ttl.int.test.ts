import { start, type EmbeddedMongo } from '@leadgraph/embedded-mongo';
import { uniqueDbName } from '@leadgraph/testing';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { createRateLimiter, createSessionManager, ensureAuthIndexes, issueToken, loginLimitKeys, rateLimitModel, sessionModel, tokenModel } from '../src/index.ts';
import { fakeUsers, userId } from './helpers.ts';

// The TTL indexes at work. mongod's TTL monitor runs once a minute; the embedded server's
// interval can be shortened, so this file starts its own instance with a 100 ms monitor.
let server: EmbeddedMongo;
beforeAll(async () => {
  server = await start({ quiet: true, ttlMonitorIntervalMs: 100 });
});
afterAll(() => server.stop());

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`still there after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('TTL clean-up', () => {
  it('removes expired sessions, tokens and rate-limit records, and keeps live ones', async () => {
    const db = await mongoose.createConnection(server.uri, { dbName: uniqueDbName('auth_ttl') }).asPromise();
    onTestFinished(() => db.close());
    await ensureAuthIndexes(db);
    const ann = userId();
    const manager = createSessionManager({ db, findUser: fakeUsers({ [ann]: { role: 'client' } }).findUser });
    const expired = await manager.createSession(ann, { role: 'client' });
    const live = await manager.createSession(ann, { role: 'client' });
    await sessionModel(db).updateOne({ _id: expired.session.handle }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    await issueToken(db, { userId: ann, purpose: 'verify-email', now: new Date(Date.now() - 25 * 3_600_000) });
    const liveToken = await issueToken(db, { userId: ann, purpose: 'reset-password' });
    const limiter = createRateLimiter(db);
    await limiter.attempt(loginLimitKeys({ email: 'old@example.test', ip: '192.0.2.1' }), new Date(Date.now() - 2 * 3_600_000));
    await limiter.attempt(loginLimitKeys({ email: 'new@example.test', ip: '192.0.2.2' }));

    await waitUntil(async () => (await sessionModel(db).countDocuments()) === 1 && (await tokenModel(db).countDocuments()) === 1 && (await rateLimitModel(db).countDocuments()) === 2);
    expect((await sessionModel(db).find().lean()).map((s) => s._id)).toEqual([live.session.handle]);
    expect((await tokenModel(db).find().lean()).map((t) => t.expiresAt)).toEqual([liveToken.expiresAt]);
    expect((await rateLimitModel(db).find().lean()).every((r) => r.expiresAt > new Date())).toBe(true);
  });
});
