import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MongoHandle } from '@leadgraph/db';
import { startTestDatabase } from '@leadgraph/testing';
import { admin, codeOf, newId, setupPrivacy, user } from './harness.ts';

let mongo: MongoHandle;
beforeAll(async () => {
  mongo = await startTestDatabase();
});
afterAll(() => mongo.stop());

const REGISTER = '{ processorRegister { personalDataSold statement processors { id name purpose dataCategories country safeguard } } }';
const ADD = 'mutation ($input: ProcessorInput!) { addProcessor(input: $input) { id name country safeguard } }';
const UPDATE = 'mutation ($id: ID!, $input: ProcessorInput!) { updateProcessor(id: $id, input: $input) { name safeguard } }';
const REMOVE = 'mutation ($id: ID!) { removeProcessor(id: $id) }';
const FLAG = 'mutation ($userId: ID!, $reason: String!) { flagMinor(userId: $userId, reason: $reason) { userId reason flaggedBy flaggedAt erasureRequest { id kind status filedBy subjectId history { to actorRole reason } } } }';

type Register = { processorRegister: { personalDataSold: boolean; statement: string; processors: Array<{ id: string; name: string }> } };

describe('processors register', () => {
  it('is public, seeded with hosting and email delivery, and says personal data is never sold', async () => {
    const p = await setupPrivacy(mongo);
    const register = await p.request<Register>(REGISTER, undefined, {});
    expect(register.body.data?.processorRegister.personalDataSold).toBe(false);
    expect(register.body.data?.processorRegister.statement).toMatch(/do not sell/);
    const names = register.body.data!.processorRegister.processors.map((x) => x.name);
    expect(names).toEqual([...names].sort());
    expect(names.some((n) => /hosting/i.test(n))).toBe(true);
    expect(names.some((n) => /email/i.test(n))).toBe(true);
  });

  it('admins add, update and remove entries; bad input and duplicates are refused with codes', async () => {
    const p = await setupPrivacy(mongo);
    const input = { name: 'Error monitoring', purpose: 'Reports crashes', dataCategories: ['user.device'], country: 'DE', safeguard: 'NO_TRANSFER' };
    expect(codeOf((await p.request(ADD, { input }, user(newId(), p.clock))).body)).toBe('FORBIDDEN');
    const added = await p.request<{ addProcessor: { id: string } }>(ADD, { input }, admin(p.clock));
    const id = added.body.data!.addProcessor.id;
    expect(codeOf((await p.request(ADD, { input }, admin(p.clock))).body)).toBe('PROCESSOR_NAME_TAKEN');
    expect(codeOf((await p.request(ADD, { input: { ...input, name: 'X', country: 'germany' } }, admin(p.clock))).body)).toBe('BAD_USER_INPUT');
    const updated = await p.request(UPDATE, { id, input: { ...input, country: 'US', safeguard: 'SCCS' } }, admin(p.clock));
    expect(updated.body.data).toEqual({ updateProcessor: { name: 'Error monitoring', safeguard: 'SCCS' } });
    expect((await p.request(REMOVE, { id }, admin(p.clock))).body.data).toEqual({ removeProcessor: true });
    expect(codeOf((await p.request(REMOVE, { id }, admin(p.clock))).body)).toBe('NOT_FOUND');
  });
});

describe('minors', () => {
  it('an admin flags an account: audited, and an ERASURE request is filed on their behalf, in progress', async () => {
    const p = await setupPrivacy(mongo);
    const [minor, adminId] = [newId(), newId()];
    const flagged = await p.request<{ flagMinor: Record<string, unknown> & { erasureRequest: Record<string, unknown> } }>(
      FLAG,
      { userId: minor, reason: 'Profile says 15 years old' },
      { ...admin(p.clock, adminId), 'x-leadgraph-admin-reason': 'minor review' },
    );
    expect(flagged.body.data?.flagMinor).toMatchObject({ userId: minor, reason: 'Profile says 15 years old', flaggedBy: adminId });
    expect(flagged.body.data?.flagMinor.erasureRequest).toMatchObject({
      kind: 'ERASURE',
      status: 'IN_PROGRESS',
      filedBy: 'ADMIN',
      subjectId: minor,
      history: [
        { to: 'RECEIVED', actorRole: 'ADMIN', reason: null },
        { to: 'VERIFYING', actorRole: 'SYSTEM', reason: 'Identity to be confirmed by signing in again' },
        { to: 'IN_PROGRESS', actorRole: 'ADMIN', reason: 'Account of a minor: erasure decided by an admin' },
      ],
    });
    expect(codeOf((await p.request(FLAG, { userId: minor, reason: 'again' }, admin(p.clock))).body)).toBe('ALREADY_FLAGGED');
    expect(codeOf((await p.request(FLAG, { userId: newId(), reason: '' }, admin(p.clock))).body)).toBe('BAD_USER_INPUT');
    expect(codeOf((await p.request(FLAG, { userId: newId(), reason: 'because' }, user(newId(), p.clock))).body)).toBe('FORBIDDEN');
    expect(await p.db.collection('minor_flags').countDocuments()).toBe(1);
    expect(await p.db.collection('data_subject_requests').countDocuments()).toBe(1);
  });
});
