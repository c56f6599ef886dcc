import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { parse } from 'graphql';
import { readVisitorId, resolveVisitor, selectsConsent, visitorCookie } from './visitor.ts';

const request = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;
const ID = 'AAAAAAAAAAAAAAAAAAAAAA';

describe('visitor id', () => {
  it('reads a well-formed lg_vid among other cookies, and nothing else', () => {
    expect(readVisitorId(`sid=abc; lg_vid=${ID}; theme=dark`)).toBe(ID);
    expect(readVisitorId('lg_vid=short')).toBeNull();
    expect(readVisitorId('lg_vid=AAAAAAAAAAAAAAAAAAAAA$')).toBeNull();
    expect(readVisitorId(undefined)).toBeNull();
  });

  it('keeps a known id (no cookie to set) and issues a new one otherwise', () => {
    const known = resolveVisitor(request({ cookie: `lg_vid=${ID}` }), { secure: false });
    expect(known).toMatchObject({ visitorId: ID, setCookie: null, headers: { 'x-leadgraph-visitor-id': ID } });
    const fresh = resolveVisitor(request({}), { secure: false });
    expect(fresh.visitorId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(fresh.setCookie).toBe(visitorCookie(fresh.visitorId, false));
    expect(resolveVisitor(request({}), { secure: false }).visitorId).not.toBe(fresh.visitorId);
  });

  it('is a necessary cookie: HttpOnly, SameSite=Lax, Secure outside dev', () => {
    expect(visitorCookie(ID, false)).toBe(`lg_vid=${ID}; Path=/; Max-Age=34128000; HttpOnly; SameSite=Lax`);
    expect(visitorCookie(ID, true)).toMatch(/; Secure$/);
  });

  it('forwards Sec-GPC: 1 and the user agent, and only a GPC of exactly 1', () => {
    expect(resolveVisitor(request({ 'sec-gpc': '1', 'user-agent': 'UA' }), { secure: false }).headers).toMatchObject({ 'sec-gpc': '1', 'x-leadgraph-user-agent': 'UA' });
    expect(resolveVisitor(request({ 'sec-gpc': '0' }), { secure: false }).headers['sec-gpc']).toBeUndefined();
  });
});

describe('selectsConsent', () => {
  it('finds a consent field at the root, next to others, or in a fragment; nothing else', () => {
    expect(selectsConsent(parse('{ myConsent { decided } }'))).toBe(true);
    expect(selectsConsent(parse('mutation { signIn(email: "a", password: "b") { user { id } } setConsent(input: {}) { decided } }'))).toBe(true);
    expect(selectsConsent(parse('query { ...F } fragment F on Query { myConsentStatus { kind } }'))).toBe(true);
    expect(selectsConsent(parse('{ me { id } privacyService { health } }'))).toBe(false);
  });
});
