import { describe, expect, it } from 'vitest';
import { ANONYMOUS, serviceIdentity, type Identity } from '@leadgraph/identity';
import { accessDecision } from '../src/check.ts';

const client: Identity = { ...ANONYMOUS, userId: '65a000000000000000000001', role: 'client', scopes: [] };
const service = serviceIdentity('leads');

describe('accessDecision for a service identity', () => {
  it('passes PUBLIC and a ROLE rule listing SERVICE', () => {
    expect(accessDecision(service, { rule: 'PUBLIC', roles: [] })).toBeNull();
    expect(accessDecision(service, { rule: 'ROLE', roles: ['service'] })).toBeNull();
  });

  it('is refused AUTHENTICATED and user roles: a service acts for no user', () => {
    expect(accessDecision(service, { rule: 'AUTHENTICATED', roles: [] })).toBe('FORBIDDEN');
    expect(accessDecision(service, { rule: 'ROLE', roles: ['admin', 'client', 'pro'] })).toBe('FORBIDDEN');
  });

  it('keeps users out of service-only fields', () => {
    expect(accessDecision(client, { rule: 'ROLE', roles: ['service'] })).toBe('FORBIDDEN');
    expect(accessDecision(ANONYMOUS, { rule: 'ROLE', roles: ['service'] })).toBe('UNAUTHENTICATED');
  });
});
