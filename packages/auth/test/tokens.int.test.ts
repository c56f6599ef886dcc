import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consumeToken, ensureAuthIndexes, issueToken, peekToken, revokeUserTokens, sha256Hex, tokenModel } from '../src/index.ts';
import { databaseServer, userId } from './helpers.ts';

const server = databaseServer();
beforeAll(() => server.start());
afterAll(() => server.stop());

const HOUR = 60 * 60 * 1000;
const INVALID = { ok: false, code: 'TOKEN_INVALID' };

async function setup() {
  const db = await server.connect();
  await ensureAuthIndexes(db);
  return { db, tokens: tokenModel(db), ann: userId() };
}

describe('one-time tokens', () => {
  it('issues 32 random bytes in base64url, stored only as SHA-256 with purpose and expiry', async () => {
    const { db, tokens, ann } = await setup();
    const now = new Date('2026-11-21T12:00:00Z');
    const reset = await issueToken(db, { userId: ann, purpose: 'reset-password', now });
    const verify = await issueToken(db, { userId: ann, purpose: 'verify-email', now });
    expect(reset.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(reset.token, 'base64url')).toHaveLength(32);
    expect(reset.expiresAt).toEqual(new Date(now.getTime() + HOUR));
    expect(verify.expiresAt).toEqual(new Date(now.getTime() + 24 * HOUR));
    const stored = await tokens.findById(sha256Hex(reset.token)).lean();
    expect(stored).toEqual({ _id: sha256Hex(reset.token), userId: ann, purpose: 'reset-password', expiresAt: reset.expiresAt, usedAt: null, createdAt: now });
    const all = JSON.stringify(await tokens.find().lean());
    expect(all).not.toContain(reset.token);
    expect(all).not.toContain(verify.token);
  });

  it('is single use: the second consumption fails with the generic code', async () => {
    const { db, ann } = await setup();
    const { token } = await issueToken(db, { userId: ann, purpose: 'reset-password' });
    expect(await peekToken(db, { token, purpose: 'reset-password' })).toEqual({ userId: ann });
    expect(await consumeToken(db, { token, purpose: 'reset-password' })).toEqual({ ok: true, userId: ann });
    expect(await consumeToken(db, { token, purpose: 'reset-password' })).toEqual(INVALID);
    expect(await peekToken(db, { token, purpose: 'reset-password' })).toBeNull();
  });

  it('expires: a reset token is good for one hour and not a millisecond more', async () => {
    const { db, ann } = await setup();
    const issuedAt = new Date('2026-11-21T12:00:00Z');
    const a = await issueToken(db, { userId: ann, purpose: 'reset-password', now: issuedAt });
    const atExpiry = new Date(issuedAt.getTime() + HOUR);
    expect(await consumeToken(db, { token: a.token, purpose: 'reset-password', now: atExpiry })).toEqual(INVALID);
    const b = await issueToken(db, { userId: ann, purpose: 'reset-password', now: issuedAt });
    const justBefore = new Date(issuedAt.getTime() + HOUR - 1);
    expect(await consumeToken(db, { token: b.token, purpose: 'reset-password', now: justBefore })).toEqual({ ok: true, userId: ann });
  });

  it('reissuing supersedes older unused tokens of the same user and purpose only', async () => {
    const { db, ann } = await setup();
    const bob = userId();
    const first = await issueToken(db, { userId: ann, purpose: 'reset-password' });
    const verify = await issueToken(db, { userId: ann, purpose: 'verify-email' });
    const bobs = await issueToken(db, { userId: bob, purpose: 'reset-password' });
    const second = await issueToken(db, { userId: ann, purpose: 'reset-password' });
    expect(await consumeToken(db, { token: first.token, purpose: 'reset-password' })).toEqual(INVALID);
    expect(await consumeToken(db, { token: second.token, purpose: 'reset-password' })).toEqual({ ok: true, userId: ann });
    expect(await consumeToken(db, { token: verify.token, purpose: 'verify-email' })).toEqual({ ok: true, userId: ann });
    expect(await consumeToken(db, { token: bobs.token, purpose: 'reset-password' })).toEqual({ ok: true, userId: bob });
  });

  it('refuses a token for another purpose, and it stays usable for its own', async () => {
    const { db, ann } = await setup();
    const { token } = await issueToken(db, { userId: ann, purpose: 'verify-email' });
    expect(await consumeToken(db, { token, purpose: 'reset-password' })).toEqual(INVALID);
    expect(await consumeToken(db, { token, purpose: 'change-email' })).toEqual(INVALID);
    expect(await consumeToken(db, { token, purpose: 'verify-email' })).toEqual({ ok: true, userId: ann });
  });

  it('answers malformed, unknown and injection-shaped tokens with the same generic code', async () => {
    const { db, ann } = await setup();
    await issueToken(db, { userId: ann, purpose: 'reset-password' });
    for (const token of ['', 'short', 'A'.repeat(43), 'A'.repeat(44), { $ne: null } as unknown as string, 'a b'.repeat(15)]) {
      expect(await consumeToken(db, { token, purpose: 'reset-password' })).toEqual(INVALID);
    }
  });

  it('lets exactly one of 20 concurrent consumptions of one token succeed', async () => {
    const { db, ann } = await setup();
    const { token } = await issueToken(db, { userId: ann, purpose: 'reset-password' });
    const results = await Promise.all(Array.from({ length: 20 }, () => consumeToken(db, { token, purpose: 'reset-password' })));
    expect(results.filter((r) => r.ok)).toEqual([{ ok: true, userId: ann }]);
    expect(results.filter((r) => !r.ok)).toHaveLength(19);
  });

  it('lets exactly one succeed when the 20 come through two connections (two instances)', async () => {
    const { db, ann } = await setup();
    const other = await server.connect(db.name);
    const { token } = await issueToken(db, { userId: ann, purpose: 'reset-password' });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => consumeToken(i % 2 === 0 ? db : other, { token, purpose: 'reset-password' })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });

  it('revokeUserTokens deletes the unused tokens of a user', async () => {
    const { db, ann } = await setup();
    const reset = await issueToken(db, { userId: ann, purpose: 'reset-password' });
    const verify = await issueToken(db, { userId: ann, purpose: 'verify-email' });
    expect(await revokeUserTokens(db, ann, 'verify-email')).toBe(1);
    expect(await consumeToken(db, { token: verify.token, purpose: 'verify-email' })).toEqual(INVALID);
    expect(await revokeUserTokens(db, ann)).toBe(1);
    expect(await consumeToken(db, { token: reset.token, purpose: 'reset-password' })).toEqual(INVALID);
  });

  it('declares the TTL index that cleans up expired tokens', async () => {
    const { db } = await setup();
    const indexes = await db.collection('auth_tokens').indexes();
    expect(indexes).toContainEqual(expect.objectContaining({ key: { expiresAt: 1 }, expireAfterSeconds: 0 }));
    expect(indexes).toContainEqual(expect.objectContaining({ key: { userId: 1, purpose: 1 } }));
  });
});
