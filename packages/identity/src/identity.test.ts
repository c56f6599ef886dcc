import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  ANONYMOUS,
  DEV_IDENTITY_SIGNING_KEY,
  IDENTITY_HEADER,
  identityFromHeaders,
  isService,
  serviceIdentity,
  resolveSigningKey,
  signAssertion,
  verifyAssertion,
  type Identity,
} from './index.ts';

const key = 'k'.repeat(32);
const otherKey = 'o'.repeat(32);
const alice: Identity = {
  userId: '65f1c0ffee0000000000abcd',
  role: 'pro',
  sessionId: 'session-1',
  authenticatedAt: 1_700_000_000_000,
  clientIp: '203.0.113.7',
  scopes: ['leads:read'],
};

describe('signAssertion / verifyAssertion', () => {
  it('round-trips an identity', () => {
    expect(verifyAssertion(signAssertion(alice, key), key)).toEqual(alice);
  });

  it('round-trips the anonymous identity', () => {
    expect(verifyAssertion(signAssertion(ANONYMOUS, key), key)).toEqual(ANONYMOUS);
  });

  it('rejects an expired token', () => {
    const now = 1_000_000;
    const token = signAssertion(alice, key, 60, now);
    expect(verifyAssertion(token, key, now + 59_999)).toEqual(alice);
    expect(verifyAssertion(token, key, now + 60_000)).toBe(ANONYMOUS);
  });

  it('rejects a token signed with another key', () => {
    expect(verifyAssertion(signAssertion(alice, otherKey), key)).toBe(ANONYMOUS);
  });

  it('rejects a forged payload with a valid-looking signature', () => {
    const [, signature] = signAssertion(alice, key).split('.');
    const forged = Buffer.from(JSON.stringify({ ...alice, role: 'admin', exp: Date.now() + 60_000 })).toString(
      'base64url',
    );
    expect(verifyAssertion(`${forged}.${signature}`, key)).toBe(ANONYMOUS);
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['no dot', 'abc'],
    ['three parts', 'a.b.c'],
    ['garbage signature', 'eyJ9.!!!'],
  ])('rejects a malformed token (%s)', (_label, token) => {
    expect(verifyAssertion(token, key)).toBe(ANONYMOUS);
  });

  it('rejects a correctly signed payload of the wrong shape', () => {
    const payloadPart = Buffer.from(JSON.stringify({ userId: 42, exp: Date.now() + 60_000 })).toString('base64url');
    const signature = createHmac('sha256', key).update(payloadPart).digest('base64url');
    expect(verifyAssertion(`${payloadPart}.${signature}`, key)).toBe(ANONYMOUS);
  });

  it('reads the header from request headers', () => {
    const token = signAssertion(alice, key);
    expect(identityFromHeaders({ [IDENTITY_HEADER]: token }, key)).toEqual(alice);
    expect(identityFromHeaders({}, key)).toBe(ANONYMOUS);
  });
});

describe('resolveSigningKey', () => {
  it('uses the development default outside production', () => {
    expect(resolveSigningKey(undefined, 'development')).toBe(DEV_IDENTITY_SIGNING_KEY);
    expect(resolveSigningKey('', 'test')).toBe(DEV_IDENTITY_SIGNING_KEY);
  });

  it('requires a key in production', () => {
    expect(() => resolveSigningKey(undefined, 'production')).toThrow(/required in production/);
    expect(resolveSigningKey(key, 'production')).toBe(key);
  });

  it('rejects a short key', () => {
    expect(() => resolveSigningKey('short', 'development')).toThrow(/at least 32/);
  });
});

describe('serviceIdentity', () => {
  it('round-trips a service identity: role service, no user, a scope naming the service', () => {
    const service = serviceIdentity('leads');
    expect(service).toMatchObject({ userId: null, role: 'service', scopes: ['service:leads'] });
    expect(isService(verifyAssertion(signAssertion(service, key), key))).toBe(true);
  });

  it('does not count a user as a service', () => {
    expect(isService(alice)).toBe(false);
    expect(isService(ANONYMOUS)).toBe(false);
  });
});
