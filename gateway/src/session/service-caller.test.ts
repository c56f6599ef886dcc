import { describe, expect, it } from 'vitest';
import { IDENTITY_HEADER, serviceIdentity, signAssertion, type Identity } from '@leadgraph/identity';
import { PERSONAL_EXPORT_SCOPE } from '@leadgraph/privacy-kit';
import { serviceCallerIdentity } from './service-caller.ts';

const key = 'k'.repeat(32);
const headers = (token: string) => ({ [IDENTITY_HEADER]: token });

describe('serviceCallerIdentity', () => {
  it('accepts the privacy service with personal:export, re-issued as a service identity', () => {
    const token = signAssertion(serviceIdentity('privacy', [PERSONAL_EXPORT_SCOPE]), key, 30);
    expect(serviceCallerIdentity(headers(token), key)).toEqual(serviceIdentity('privacy', [PERSONAL_EXPORT_SCOPE]));
  });

  it('drops scopes the service may not carry into the gateway', () => {
    const token = signAssertion(serviceIdentity('privacy', [PERSONAL_EXPORT_SCOPE, 'personal:read', 'statistics:read']), key);
    expect(serviceCallerIdentity(headers(token), key)?.scopes).toEqual(['service:privacy', PERSONAL_EXPORT_SCOPE]);
  });

  it('ignores other services, users, forged, foreign and expired assertions', () => {
    const admin: Identity = { userId: 'a'.repeat(24), role: 'admin', sessionId: 's', authenticatedAt: Date.now(), scopes: [PERSONAL_EXPORT_SCOPE], clientIp: null };
    const userPosingAsService: Identity = { ...serviceIdentity('privacy', [PERSONAL_EXPORT_SCOPE]), userId: 'a'.repeat(24) };
    const now = Date.now();
    for (const token of [
      signAssertion(serviceIdentity('leads', [PERSONAL_EXPORT_SCOPE]), key),
      signAssertion(admin, key),
      signAssertion(userPosingAsService, key),
      signAssertion(serviceIdentity('privacy', [PERSONAL_EXPORT_SCOPE]), 'o'.repeat(32)),
      signAssertion(serviceIdentity('privacy', [PERSONAL_EXPORT_SCOPE]), key, 30, now - 31_000),
      'eyJ1c2VySWQiOiJ4In0.forged',
      '',
    ]) {
      expect(serviceCallerIdentity(headers(token), key, now)).toBeNull();
    }
    expect(serviceCallerIdentity({}, key)).toBeNull();
  });
});
