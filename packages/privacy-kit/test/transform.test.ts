import { describe, expect, it } from 'vitest';
import type { AccessRead, AccessLogSink } from '../src/access-log.ts';
import { PERSONAL_EXPORT_SCOPE, PERSONAL_READ_SCOPE } from '../src/access.ts';
import { serviceIdentity } from '@leadgraph/identity';
import { applyPersonalData } from '../src/transform.ts';
import {
  ADMIN_ID,
  CLIENT,
  CLIENT_ID,
  CONVERSATION_ID,
  MESSAGE,
  OTHER_PRO_ID,
  PRO_ID,
  USER_QUERY,
  buildToySchema,
  contextFor,
  identity,
  run,
} from './toy-subgraph.ts';

function memoryLog(): AccessLogSink & { reads: AccessRead[] } {
  const reads: AccessRead[] = [];
  return { reads, record: (read) => void reads.push(read) };
}

const CLEAR = { id: CLIENT_ID, role: 'client', ...CLIENT };
const MASKED = {
  id: CLIENT_ID,
  role: 'client',
  name: 'J. D.',
  email: 'j***@e***.com',
  phone: '•••• 0123',
  address: { street: null, city: 'Stansted', postcode: null },
  iban: '•••• 5555',
  bio: CLIENT.bio,
};

describe('applyPersonalData', () => {
  const log = memoryLog();
  const schema = applyPersonalData(buildToySchema(), { log });

  it.each([
    ['anonymous', identity(null, null), {}, MASKED],
    ['the subject', identity(CLIENT_ID, 'client'), {}, CLEAR],
    ['another pro', identity(OTHER_PRO_ID, 'pro'), {}, MASKED],
    ['the hired pro (relationship)', identity(PRO_ID, 'pro'), {}, CLEAR],
    ['an admin without a reason', identity(ADMIN_ID, 'admin', [PERSONAL_READ_SCOPE]), {}, MASKED],
    ['an admin with a reason', identity(ADMIN_ID, 'admin'), { adminReason: 'DSR-7 verification' }, CLEAR],
    ['an integrator with personal:read', identity('integrator', null, [PERSONAL_READ_SCOPE]), {}, CLEAR],
    ['an integrator without it', identity('integrator', null, ['leads:read']), {}, MASKED],
  ] as const)('%s', async (_who, who, extra, expected) => {
    const result = await run(schema, USER_QUERY, { id: CLIENT_ID }, contextFor(who, extra));
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ user: expected });
  });

  it('records clear reads of someone else’s data only, once per field, without values', async () => {
    log.reads.length = 0;
    await run(schema, USER_QUERY, { id: CLIENT_ID }, contextFor(identity(CLIENT_ID, 'client'), { requestId: 'r-subject' }));
    await run(schema, USER_QUERY, { id: CLIENT_ID }, contextFor(identity(OTHER_PRO_ID, 'pro'), { requestId: 'r-masked' }));
    expect(log.reads).toEqual([]);
    await run(schema, USER_QUERY, { id: CLIENT_ID }, contextFor(identity(ADMIN_ID, 'admin'), { adminReason: '  DSR-7  ', requestId: 'r-admin' }));
    // Sorted: `email` has an async resolver, so its read lands last.
    expect(log.reads.map((read) => read.field).sort()).toEqual(['User.address', 'User.email', 'User.iban', 'User.name', 'User.phone']);
    expect(log.reads[0]).toEqual({
      actorId: ADMIN_ID,
      actorRole: 'admin',
      subjectIds: [CLIENT_ID],
      field: 'User.name',
      reason: 'ADMIN_WITH_REASON',
      adminReason: 'DSR-7',
      requestId: 'r-admin',
    });
    const serialized = JSON.stringify(log.reads);
    for (const value of [CLIENT.name, CLIENT.email, CLIENT.phone, CLIENT.iban, CLIENT.address.street]) {
      expect(serialized).not.toContain(value);
    }
  });

  it('shows an export in clear to the privacy service (personal:export) and does not log it per value', async () => {
    log.reads.length = 0;
    const exporting = await run(schema, USER_QUERY, { id: CLIENT_ID }, contextFor(serviceIdentity('privacy', [PERSONAL_EXPORT_SCOPE]), { requestId: 'r-export' }));
    expect(exporting.data).toEqual({ user: CLEAR });
    expect(log.reads).toEqual([]);
    const other = await run(schema, USER_QUERY, { id: CLIENT_ID }, contextFor(serviceIdentity('leads'), {}));
    expect(other.data).toEqual({ user: MASKED });
  });

  it('asks the domain about a relationship once per object', async () => {
    let asked = 0;
    const context = contextFor(identity(PRO_ID, 'pro'));
    const relationship = context.privacy!.relationship!;
    context.privacy!.relationship = (typeName, parent) => {
      asked += 1;
      return relationship(typeName, parent);
    };
    const result = await run(schema, USER_QUERY, { id: CLIENT_ID }, context);
    expect(result.data).toEqual({ user: CLEAR });
    expect(asked).toBe(1);
  });

  it('masks when the relationship check fails', async () => {
    const context = contextFor(identity(PRO_ID, 'pro'));
    context.privacy!.relationship = () => {
      throw new Error('database down');
    };
    const result = await run(schema, USER_QUERY, { id: CLIENT_ID }, context);
    expect(result.data).toEqual({ user: MASKED });
  });

  it('treats both owners of co-owned data as its subjects', async () => {
    const query = `query ($id: ID!) { conversation(id: $id) { id body } }`;
    const asClient = await run(schema, query, { id: CONVERSATION_ID }, contextFor(identity(CLIENT_ID, 'client')));
    const asPro = await run(schema, query, { id: CONVERSATION_ID }, contextFor(identity(PRO_ID, 'pro')));
    const asOther = await run(schema, query, { id: CONVERSATION_ID }, contextFor(identity(OTHER_PRO_ID, 'pro')));
    expect(asClient.data).toEqual({ conversation: { id: CONVERSATION_ID, body: MESSAGE } });
    expect(asPro.data).toEqual({ conversation: { id: CONVERSATION_ID, body: MESSAGE } });
    expect(asOther.data).toEqual({ conversation: { id: CONVERSATION_ID, body: '[redacted]' } });
  });

  it('masks entities resolved by reference (_entities)', async () => {
    const query = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { id email } } }`;
    const result = await run(schema, query, { r: [{ __typename: 'User', id: CLIENT_ID }] }, contextFor(identity(OTHER_PRO_ID, 'pro')));
    expect(result.data).toEqual({ _entities: [{ id: CLIENT_ID, email: 'j***@e***.com' }] });
  });

  it('wraps each resolver once, even if applied twice', async () => {
    const twice = applyPersonalData(applyPersonalData(buildToySchema()));
    const result = await run(twice, USER_QUERY, { id: CLIENT_ID }, contextFor(identity(OTHER_PRO_ID, 'pro')));
    expect(result.data).toEqual({ user: MASKED });
  });

  it('masks for a context without an identity', async () => {
    const result = await run(schema, USER_QUERY, { id: CLIENT_ID }, {} as never);
    expect(result.data).toEqual({ user: MASKED });
  });
});
