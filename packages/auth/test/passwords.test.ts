import { describe, expect, it } from 'vitest';
import { MAX_PASSWORD_BYTES, PRODUCTION_ARGON2, TEST_ARGON2, hashPassword, needsRehash, verifyPassword } from '../src/index.ts';

describe('hashPassword / verifyPassword', () => {
  it('uses argon2id with the OWASP parameters by default, and verifies', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(await verifyPassword(hash, 'correct horse battery staple')).toBe(true);
    expect(await verifyPassword(hash, 'correct horse battery stapl')).toBe(false);
    expect(needsRehash(hash)).toBe(false);
  });

  it('salts every hash', async () => {
    const a = await hashPassword('same password here', TEST_ARGON2);
    const b = await hashPassword('same password here', TEST_ARGON2);
    expect(a).not.toBe(b);
    expect(await verifyPassword(a, 'same password here', TEST_ARGON2)).toBe(true);
    expect(await verifyPassword(b, 'same password here', TEST_ARGON2)).toBe(true);
  });

  it('treats composed and decomposed accents as the same password (NFKC)', async () => {
    const composed = 'caf\u00e9 au lait 42';
    const decomposed = 'cafe\u0301 au lait 42';
    const hash = await hashPassword(composed, TEST_ARGON2);
    expect(await verifyPassword(hash, decomposed, TEST_ARGON2)).toBe(true);
  });

  it('answers false for a missing, empty or malformed hash without throwing', async () => {
    expect(await verifyPassword(null, 'whatever password', TEST_ARGON2)).toBe(false);
    expect(await verifyPassword(undefined, 'whatever password', TEST_ARGON2)).toBe(false);
    expect(await verifyPassword('', 'whatever password', TEST_ARGON2)).toBe(false);
    expect(await verifyPassword('$argon2id$garbage', 'whatever password', TEST_ARGON2)).toBe(false);
  });

  it('spends an argon2 verification on an unknown account too (no timing shortcut)', async () => {
    const hash = await hashPassword('a real password 1', PRODUCTION_ARGON2);
    await verifyPassword(null, 'warm the dummy up'); // the dummy hash is made once
    // The fastest of five runs: other work on the machine only ever adds time.
    const fastest = async (stored: string | null) => {
      let best = Number.POSITIVE_INFINITY;
      for (let i = 0; i < 5; i += 1) {
        const start = performance.now();
        await verifyPassword(stored, 'a wrong password 2');
        best = Math.min(best, performance.now() - start);
      }
      return best;
    };
    const known = await fastest(hash);
    const unknown = await fastest(null);
    // Same order of magnitude: a skipped verification would be ~1000× faster.
    expect(unknown).toBeGreaterThan(known / 3);
  });

  it('never hashes nor accepts input longer than any accepted password', async () => {
    const limit = 'x'.repeat(MAX_PASSWORD_BYTES);
    const hash = await hashPassword(limit, TEST_ARGON2);
    expect(await verifyPassword(hash, limit, TEST_ARGON2)).toBe(true);
    expect(await verifyPassword(hash, `${limit}x`, TEST_ARGON2)).toBe(false);
    await expect(hashPassword(`${limit}x`, TEST_ARGON2)).rejects.toMatchObject({ code: 'WEAK_PASSWORD', details: { problems: ['TOO_LONG'] } });
  });

  it('asks for a rehash when a hash was made with other parameters', async () => {
    const cheap = await hashPassword('some password 123', TEST_ARGON2);
    expect(needsRehash(cheap)).toBe(true);
    expect(needsRehash(cheap, TEST_ARGON2)).toBe(false);
    expect(needsRehash('not a hash')).toBe(true);
  });
});
