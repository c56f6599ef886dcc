import { describe, expect, it } from 'vitest';
import { blankSessionCookie, cookieSecurity, readSessionToken, sessionCookie } from '../src/index.ts';

const TOKEN = 'abcdefghijklmnopqrstuvwxyz234567abcdefgh'; // lucia's shape: 40 base32 characters
const secure = { secure: true };
const dev = { secure: false };

describe('session cookie', () => {
  it('is HttpOnly, SameSite=Lax, Path=/, Secure, with a __Host- name outside development', () => {
    const now = new Date('2026-11-21T12:00:00Z');
    const expires = new Date('2026-12-21T12:00:00Z');
    expect(sessionCookie(TOKEN, expires, secure, now)).toBe(
      `__Host-sid=${TOKEN}; Expires=Mon, 21 Dec 2026 12:00:00 GMT; HttpOnly; Max-Age=2592000; Path=/; SameSite=Lax; Secure`,
    );
  });

  it('drops Secure and the prefix in local development only', () => {
    const now = new Date('2026-11-21T12:00:00Z');
    const header = sessionCookie(TOKEN, new Date('2026-11-21T13:00:00Z'), dev, now);
    expect(header).toBe(`sid=${TOKEN}; Expires=Sat, 21 Nov 2026 13:00:00 GMT; HttpOnly; Max-Age=3600; Path=/; SameSite=Lax`);
    expect(cookieSecurity('development')).toEqual(dev);
    expect(cookieSecurity('production')).toEqual(secure);
    expect(cookieSecurity('test')).toEqual(secure);
    expect(cookieSecurity(undefined)).toEqual(secure);
  });

  it('names nothing about the stack', () => {
    const header = sessionCookie(TOKEN, new Date(Date.now() + 60_000), secure);
    expect(header.split('=')[0]).toBe('__Host-sid');
    expect(header.toLowerCase()).not.toMatch(/lucia|auth|session|leadgraph|node|express|apollo/);
  });

  it('blank cookie expires the cookie with the same attributes', () => {
    expect(blankSessionCookie(secure)).toBe('__Host-sid=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; Max-Age=0; Path=/; SameSite=Lax; Secure');
    expect(blankSessionCookie(dev)).toBe('sid=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; Max-Age=0; Path=/; SameSite=Lax');
  });
});

describe('readSessionToken', () => {
  it('reads the token among other cookies, with or without spaces', () => {
    expect(readSessionToken(`theme=dark; __Host-sid=${TOKEN}; consent=1`, secure)).toBe(TOKEN);
    expect(readSessionToken(`theme=dark;sid=${TOKEN}`, dev)).toBe(TOKEN);
    expect(readSessionToken(`sid="${TOKEN}"`, dev)).toBe(TOKEN);
  });

  it('reads only the name for the mode: an unprefixed cookie is ignored when secure', () => {
    expect(readSessionToken(`sid=${TOKEN}`, secure)).toBeNull();
    expect(readSessionToken(`__Host-sid=${TOKEN}`, dev)).toBeNull();
  });

  it('returns null for a missing header and ignores malformed values without throwing', () => {
    expect(readSessionToken(undefined, secure)).toBeNull();
    expect(readSessionToken(null, secure)).toBeNull();
    expect(readSessionToken('', secure)).toBeNull();
    expect(readSessionToken('__Host-sid=%E0%A4%A', secure)).toBeNull();
    expect(readSessionToken('__Host-sid=short', secure)).toBeNull();
    expect(readSessionToken(`__Host-sid=${TOKEN.toUpperCase()}`, secure)).toBeNull();
    expect(readSessionToken(`__Host-sid={"$ne":null}`, secure)).toBeNull();
    expect(readSessionToken(`__Host-sid=${'a'.repeat(20_000)}`, secure)).toBeNull();
    expect(readSessionToken(`garbage; =; __Host-sid; __Host-sid=${TOKEN}`, secure)).toBe(TOKEN);
  });

  it('round-trips a cookie it made', () => {
    const header = sessionCookie(TOKEN, new Date(Date.now() + 60_000), secure);
    const pair = header.split(';')[0] ?? '';
    expect(readSessionToken(pair, secure)).toBe(TOKEN);
  });
});
