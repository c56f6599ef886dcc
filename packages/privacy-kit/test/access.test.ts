import { describe, expect, it } from 'vitest';
import { ANONYMOUS, serviceIdentity, type Identity } from '@leadgraph/identity';
import { decideAccess, PERSONAL_EXPORT_SCOPE, PERSONAL_READ_SCOPE, type AccessReason } from '../src/access.ts';

const SUBJECT = 'a'.repeat(24);
const OTHER = 'b'.repeat(24);

function user(userId: string, role: Identity['role'], scopes: string[] = []): Identity {
  return { userId, role, sessionId: 's', authenticatedAt: 0, scopes, clientIp: null };
}

interface Row {
  who: string;
  identity: Identity;
  relationshipAllows?: boolean;
  adminReason?: string;
  expected: AccessReason;
}

const matrix: Row[] = [
  { who: 'anonymous', identity: ANONYMOUS, expected: 'MASKED' },
  { who: 'anonymous, even if the domain says related', identity: ANONYMOUS, relationshipAllows: true, expected: 'MASKED' },
  { who: 'the subject', identity: user(SUBJECT, 'client'), expected: 'SUBJECT' },
  { who: 'another user', identity: user(OTHER, 'client'), expected: 'MASKED' },
  { who: 'another user the domain relates (hired pro)', identity: user(OTHER, 'pro'), relationshipAllows: true, expected: 'RELATIONSHIP' },
  { who: 'another user the domain does not relate', identity: user(OTHER, 'pro'), relationshipAllows: false, expected: 'MASKED' },
  { who: 'an admin without a reason', identity: user(OTHER, 'admin'), expected: 'MASKED' },
  { who: 'an admin with a blank reason', identity: user(OTHER, 'admin'), adminReason: '  ', expected: 'MASKED' },
  { who: 'an admin with a reason', identity: user(OTHER, 'admin'), adminReason: 'DSR-42 access request', expected: 'ADMIN_WITH_REASON' },
  { who: 'an admin with the scope but no reason', identity: user(OTHER, 'admin', [PERSONAL_READ_SCOPE]), expected: 'MASKED' },
  { who: 'an admin reading their own data', identity: user(SUBJECT, 'admin'), expected: 'SUBJECT' },
  { who: 'an integrator with personal:read', identity: { ...ANONYMOUS, userId: 'integrator-1', scopes: [PERSONAL_READ_SCOPE] }, expected: 'INTEGRATOR_SCOPE' },
  { who: 'a service exporting (personal:export)', identity: serviceIdentity('privacy', [PERSONAL_EXPORT_SCOPE]), expected: 'EXPORT' },
  { who: 'a service without personal:export', identity: serviceIdentity('leads'), expected: 'MASKED' },
  { who: 'a service with personal:read only', identity: serviceIdentity('leads', [PERSONAL_READ_SCOPE]), expected: 'INTEGRATOR_SCOPE' },
  { who: 'a user whose identity carries personal:export', identity: user(OTHER, 'client', [PERSONAL_EXPORT_SCOPE]), expected: 'MASKED' },
  { who: 'an admin whose identity carries personal:export, no reason', identity: user(OTHER, 'admin', [PERSONAL_EXPORT_SCOPE]), expected: 'MASKED' },
  { who: 'an integrator whose key carries personal:export', identity: { ...ANONYMOUS, userId: 'integrator-1', scopes: [PERSONAL_EXPORT_SCOPE] }, expected: 'MASKED' },
  { who: 'an integrator without the scope', identity: { ...ANONYMOUS, userId: 'integrator-1', scopes: ['leads:read'] }, expected: 'MASKED' },
];

describe('decideAccess', () => {
  it.each(matrix)('$who → $expected', ({ identity, relationshipAllows, adminReason, expected }) => {
    const decision = decideAccess({ identity, subjectIds: [SUBJECT], relationshipAllows, adminReason });
    expect(decision).toEqual({ clear: expected !== 'MASKED', reason: expected });
  });

  it('lets either owner of co-owned data see it', () => {
    expect(decideAccess({ identity: user(SUBJECT, 'client'), subjectIds: [SUBJECT, OTHER] }).reason).toBe('SUBJECT');
    expect(decideAccess({ identity: user(OTHER, 'pro'), subjectIds: [SUBJECT, OTHER] }).reason).toBe('SUBJECT');
    expect(decideAccess({ identity: user('c'.repeat(24), 'pro'), subjectIds: [SUBJECT, OTHER] }).reason).toBe('MASKED');
  });

  it('masks when the subject is unknown', () => {
    expect(decideAccess({ identity: user(SUBJECT, 'client'), subjectIds: [] }).reason).toBe('MASKED');
    expect(decideAccess({ identity: { ...ANONYMOUS, userId: '' }, subjectIds: [''] }).reason).toBe('MASKED');
  });
});
