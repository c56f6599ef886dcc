import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSessionManager, ensureAuthIndexes, sessionHandle, sessionModel } from '../src/index.ts';
import { databaseServer, fakeUsers, userId } from './helpers.ts';

const server = databaseServer();
beforeAll(() => server.start());
afterAll(() => server.stop());

const DAY = 24 * 60 * 60 * 1000;

async function setup(options: { absoluteLifetimeMs?: number } = {}) {
  const db = await server.connect();
  await ensureAuthIndexes(db);
  const ann = userId();
  const people = fakeUsers({ [ann]: { role: 'client' } });
  const manager = createSessionManager({ db, findUser: people.findUser, idleLifetimeMs: 30 * DAY, ...options });
  return { db, ann, people, manager, sessions: sessionModel(db) };
}

describe('sessions', () => {
  it('creates a session whose token is stored only as its SHA-256, and validates it', async () => {
    const { ann, manager, sessions } = await setup();
    const authenticatedAt = new Date(Date.now() - 1000);
    const { token, session } = await manager.createSession(ann, { role: 'client', authenticatedAt });
    expect(token).toMatch(/^[a-z2-7]{40}$/);
    expect(session).toMatchObject({ userId: ann, role: 'client', authenticatedAt, fresh: true, handle: sessionHandle(token) });

    const stored = await sessions.find().lean();
    expect(stored).toHaveLength(1);
    expect(stored[0]?._id).toBe(sessionHandle(token));
    expect(JSON.stringify(stored)).not.toContain(token);

    const validated = await manager.validateSessionToken(token);
    expect(validated).toEqual({
      session: { handle: sessionHandle(token), userId: ann, role: 'client', authenticatedAt, expiresAt: session.expiresAt, fresh: false },
      user: { id: ann, role: 'client' },
    });
  });

  it('refuses unknown, malformed and injection-shaped tokens without touching other sessions', async () => {
    const { ann, manager } = await setup();
    await manager.createSession(ann, { role: 'client' });
    expect(await manager.validateSessionToken('a'.repeat(40))).toBeNull();
    expect(await manager.validateSessionToken('nope')).toBeNull();
    expect(await manager.validateSessionToken({ $ne: null } as unknown as string)).toBeNull();
    expect(await manager.listUserSessions(ann)).toHaveLength(1);
  });

  it('slides: a session used in the second half of its life is renewed and comes back fresh', async () => {
    const { ann, manager, sessions } = await setup();
    const authenticatedAt = new Date(Date.now() - 5 * DAY);
    const { token } = await manager.createSession(ann, { role: 'client', authenticatedAt });
    // First half of the life: no renewal.
    expect((await manager.validateSessionToken(token))?.session.fresh).toBe(false);
    // Ten days left of thirty: renew.
    const tenDaysLeft = new Date(Date.now() + 10 * DAY);
    await sessions.updateOne({ _id: sessionHandle(token) }, { $set: { expiresAt: tenDaysLeft } });
    const renewed = await manager.validateSessionToken(token);
    expect(renewed?.session.fresh).toBe(true);
    expect(renewed?.session.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * DAY);
    const stored = await sessions.findById(sessionHandle(token)).lean();
    expect(stored?.expiresAt.getTime()).toBe(renewed?.session.expiresAt.getTime());
    // Renewal is not authentication.
    expect(renewed?.session.authenticatedAt).toEqual(authenticatedAt);
    expect(stored?.authenticatedAt).toEqual(authenticatedAt);
  });

  it('expires: a session past its expiry is refused and deleted', async () => {
    const { ann, manager, sessions } = await setup();
    const { token } = await manager.createSession(ann, { role: 'client' });
    await sessions.updateOne({ _id: sessionHandle(token) }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await manager.validateSessionToken(token)).toBeNull();
    expect(await sessions.countDocuments()).toBe(0);
  });

  it('ends a renewed session at its absolute lifetime after the last real authentication', async () => {
    const { ann, manager, sessions } = await setup({ absoluteLifetimeMs: 90 * DAY });
    const { token } = await manager.createSession(ann, { role: 'client', authenticatedAt: new Date(Date.now() - 89 * DAY) });
    expect(await manager.validateSessionToken(token)).not.toBeNull();
    expect(await manager.validateSessionToken(token, new Date(Date.now() + 2 * DAY))).toBeNull();
    expect(await sessions.countDocuments()).toBe(0);
  });

  it('markAuthenticated records a password re-entry on the session', async () => {
    const { ann, manager } = await setup();
    const { token } = await manager.createSession(ann, { role: 'client', authenticatedAt: new Date(Date.now() - DAY) });
    const at = new Date();
    expect(await manager.markAuthenticated(token, at)).toBe(true);
    expect((await manager.validateSessionToken(token))?.session.authenticatedAt).toEqual(at);
    expect(await manager.markAuthenticated('b'.repeat(40))).toBe(false);
  });

  it('ends the session when the user lookup no longer finds the user', async () => {
    const { ann, people, manager, sessions } = await setup();
    const { token } = await manager.createSession(ann, { role: 'client' });
    people.users.delete(ann);
    expect(await manager.validateSessionToken(token)).toBeNull();
    expect(await sessions.countDocuments()).toBe(0);
  });

  it("reports the user's current role next to the role recorded at sign-in", async () => {
    const { ann, people, manager } = await setup();
    const { token } = await manager.createSession(ann, { role: 'client' });
    people.users.set(ann, { role: 'pro' });
    const validated = await manager.validateSessionToken(token);
    expect(validated?.session.role).toBe('client');
    expect(validated?.user.role).toBe('pro');
  });

  it('logs out one session', async () => {
    const { ann, manager } = await setup();
    const a = await manager.createSession(ann, { role: 'client' });
    const b = await manager.createSession(ann, { role: 'client' });
    await manager.invalidateSession(a.token);
    expect(await manager.validateSessionToken(a.token)).toBeNull();
    expect(await manager.validateSessionToken(b.token)).not.toBeNull();
    await manager.invalidateSession(a.token); // twice is fine
  });

  it("logs out everywhere: all of the user's sessions, nobody else's", async () => {
    const { ann, people, manager } = await setup();
    const bob = userId();
    people.users.set(bob, { role: 'pro' });
    const annTokens = await Promise.all([1, 2, 3].map(() => manager.createSession(ann, { role: 'client' })));
    const bobs = await manager.createSession(bob, { role: 'pro' });
    expect(await manager.invalidateUserSessions(ann)).toBe(3);
    for (const { token } of annTokens) expect(await manager.validateSessionToken(token)).toBeNull();
    expect(await manager.validateSessionToken(bobs.token)).not.toBeNull();
  });

  it('change password: ends every other session and keeps the current one', async () => {
    const { ann, manager } = await setup();
    const current = await manager.createSession(ann, { role: 'client' });
    const others = await Promise.all([1, 2].map(() => manager.createSession(ann, { role: 'client' })));
    expect(await manager.invalidateUserSessions(ann, { except: current.token })).toBe(2);
    expect(await manager.validateSessionToken(current.token)).not.toBeNull();
    for (const { token } of others) expect(await manager.validateSessionToken(token)).toBeNull();
  });

  it('lists live sessions by handle and revokes one by handle, only for its owner', async () => {
    const { ann, people, manager } = await setup();
    const bob = userId();
    people.users.set(bob, { role: 'client' });
    const first = await manager.createSession(ann, { role: 'client' });
    const second = await manager.createSession(ann, { role: 'client' });
    const listed = await manager.listUserSessions(ann);
    expect(listed.map((s) => s.handle).sort()).toEqual([first.session.handle, second.session.handle].sort());
    expect(JSON.stringify(listed)).not.toContain(first.token);
    expect(await manager.revokeSession(bob, first.session.handle)).toBe(false);
    expect(await manager.revokeSession(ann, first.session.handle)).toBe(true);
    expect(await manager.validateSessionToken(first.token)).toBeNull();
    expect(await manager.validateSessionToken(second.token)).not.toBeNull();
  });

  it('deleteExpiredSessions removes only expired ones; the TTL index is declared', async () => {
    const { db, ann, manager, sessions } = await setup();
    const old = await manager.createSession(ann, { role: 'client' });
    const live = await manager.createSession(ann, { role: 'client' });
    await sessions.updateOne({ _id: old.session.handle }, { $set: { expiresAt: new Date(Date.now() - 1) } });
    await manager.deleteExpiredSessions();
    expect((await sessions.find().lean()).map((s) => s._id)).toEqual([live.session.handle]);
    const indexes = await db.collection('sessions').indexes();
    expect(indexes).toContainEqual(expect.objectContaining({ key: { expiresAt: 1 }, expireAfterSeconds: 0 }));
    expect(indexes).toContainEqual(expect.objectContaining({ key: { userId: 1 } }));
  });
});
