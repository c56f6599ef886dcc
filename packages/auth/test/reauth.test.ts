import { describe, expect, it } from 'vitest';
import { AuthErrorCode, identityForSession, isRecentlyAuthenticated, requireRecentAuthentication } from '../src/index.ts';

const now = new Date('2026-11-21T12:00:00Z');
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);

describe('isRecentlyAuthenticated', () => {
  it('holds within N minutes, inclusive, and not after', () => {
    expect(isRecentlyAuthenticated(minutesAgo(0), 10, now)).toBe(true);
    expect(isRecentlyAuthenticated(minutesAgo(10), 10, now)).toBe(true);
    expect(isRecentlyAuthenticated(new Date(minutesAgo(10).getTime() - 1), 10, now)).toBe(false);
  });

  it('accepts ms numbers (as in the identity assertion) and refuses missing or future times', () => {
    expect(isRecentlyAuthenticated(minutesAgo(3).getTime(), 5, now.getTime())).toBe(true);
    expect(isRecentlyAuthenticated(null, 5, now)).toBe(false);
    expect(isRecentlyAuthenticated(undefined, 5, now)).toBe(false);
    expect(isRecentlyAuthenticated(Number.NaN, 5, now)).toBe(false);
    expect(isRecentlyAuthenticated(new Date(now.getTime() + 30_000), 5, now)).toBe(true); // small clock skew
    expect(isRecentlyAuthenticated(new Date(now.getTime() + 120_000), 5, now)).toBe(false);
  });

  it('requireRecentAuthentication throws REAUTH_REQUIRED', () => {
    expect(() => requireRecentAuthentication(minutesAgo(1), 5, now)).not.toThrow();
    expect(() => requireRecentAuthentication(minutesAgo(6), 5, now)).toThrow(expect.objectContaining({ code: AuthErrorCode.ReauthRequired }));
  });
});

describe('identityForSession', () => {
  it('carries the handle, never a token, the current role, authenticatedAt in ms and the client IP', () => {
    const identity = identityForSession(
      {
        session: { handle: 'f'.repeat(64), userId: 'u1', role: 'client', authenticatedAt: minutesAgo(2), expiresAt: now, fresh: false },
        user: { id: 'u1', role: 'pro' },
      },
      ['personal:read'],
      '203.0.113.7',
    );
    expect(identity).toEqual({
      userId: 'u1',
      role: 'pro',
      sessionId: 'f'.repeat(64),
      authenticatedAt: minutesAgo(2).getTime(),
      scopes: ['personal:read'],
      clientIp: '203.0.113.7',
    });
  });
});
