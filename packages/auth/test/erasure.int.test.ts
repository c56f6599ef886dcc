import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consumeToken, createSessionManager, ensureAuthIndexes, eraseUserAuthData, issueToken, sessionModel, tokenModel } from '../src/index.ts';
import { databaseServer, fakeUsers, userId } from './helpers.ts';

const server = databaseServer();
beforeAll(() => server.start());
afterAll(() => server.stop());

describe('eraseUserAuthData', () => {
  it("deletes the user's sessions and tokens (used ones too) and nobody else's", async () => {
    const db = await server.connect();
    await ensureAuthIndexes(db);
    const [ann, bob] = [userId(), userId()];
    const manager = createSessionManager({ db, findUser: fakeUsers({ [ann]: { role: 'client' }, [bob]: { role: 'pro' } }).findUser });
    const annSession = await manager.createSession(ann, { role: 'client' });
    await manager.createSession(ann, { role: 'client' });
    const bobSession = await manager.createSession(bob, { role: 'pro' });
    const used = await issueToken(db, { userId: ann, purpose: 'verify-email' });
    await consumeToken(db, { token: used.token, purpose: 'verify-email' });
    await issueToken(db, { userId: ann, purpose: 'reset-password' });
    const bobToken = await issueToken(db, { userId: bob, purpose: 'reset-password' });

    expect(await eraseUserAuthData(db, ann)).toEqual({ sessions: 2, tokens: 2 });
    expect(await manager.validateSessionToken(annSession.token)).toBeNull();
    expect(await sessionModel(db).countDocuments({ userId: ann })).toBe(0);
    expect(await tokenModel(db).countDocuments({ userId: ann })).toBe(0);
    expect(await manager.validateSessionToken(bobSession.token)).not.toBeNull();
    expect(await consumeToken(db, { token: bobToken.token, purpose: 'reset-password' })).toEqual({ ok: true, userId: bob });
  });
});
