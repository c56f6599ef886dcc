import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MongoHandle } from '@leadgraph/db';
import { startTestDatabase } from '@leadgraph/testing';
import { admin, codeOf, newId, service, setupPrivacy, user } from './harness.ts';

let mongo: MongoHandle;
beforeAll(async () => {
  mongo = await startTestDatabase();
});
afterAll(() => mongo.stop());

const FIELDS = 'id status closedAt reason history { from to actorId actorRole reason }';
const FILE = `mutation ($input: FileDataSubjectRequestInput!) { fileDataSubjectRequest(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation ($input: UpdateDataSubjectRequestInput!) { updateDataSubjectRequest(input: $input) { ${FIELDS} } }`;
const LIFT_MINE = `mutation ($id: ID!) { liftMyRestriction(requestId: $id) { ${FIELDS} } }`;
const LIFT = `mutation ($id: ID!, $reason: String!) { liftRestriction(requestId: $id, reason: $reason) { ${FIELDS} } }`;
const RESTRICTED = 'query ($ids: [ID!]!) { processingRestricted(userIds: $ids) { userId restricted grounds } }';
const ONE = `query ($id: ID!) { dataSubjectRequest(id: $id) { ${FIELDS} } }`;

interface Dsr {
  id: string;
  status: string;
  closedAt: string | null;
  reason: string | null;
  history: Array<{ from: string | null; to: string; actorId: string | null; actorRole: string; reason: string | null }>;
}
type Restricted = { processingRestricted: Array<{ userId: string; restricted: boolean; grounds: string[] }> };

describe('lifting a restriction or objection', () => {
  it('the requester lifts their own: LIFTED, audited, and services include them again', async () => {
    const p = await setupPrivacy(mongo);
    const subjectId = newId();
    const filed = await p.request<{ fileDataSubjectRequest: Dsr }>(FILE, { input: { kind: 'RESTRICTION' } }, user(subjectId, p.clock));
    const id = filed.body.data!.fileDataSubjectRequest.id;
    const before = await p.request<Restricted>(RESTRICTED, { ids: [subjectId] }, service());
    expect(before.body.data?.processingRestricted).toEqual([{ userId: subjectId, restricted: true, grounds: ['RESTRICTION'] }]);

    // Someone else cannot lift it (the same answer as a missing request); nothing changes.
    const other = await p.request(LIFT_MINE, { id }, user(newId(), p.clock));
    expect(codeOf(other.body)).toBe('NOT_FOUND');
    expect((await p.request<{ dataSubjectRequest: Dsr }>(ONE, { id }, user(subjectId, p.clock))).body.data?.dataSubjectRequest.status).toBe('RECEIVED');

    const lifted = await p.request<{ liftMyRestriction: Dsr }>(LIFT_MINE, { id }, user(subjectId, p.clock));
    const request = lifted.body.data!.liftMyRestriction;
    expect(request).toMatchObject({ status: 'LIFTED', closedAt: '2026-11-02T09:00:00.000Z' });
    expect(request.history.at(-1)).toEqual({ from: 'RECEIVED', to: 'LIFTED', actorId: subjectId, actorRole: 'CLIENT', reason: 'Lifted at the requester’s request' });
    const after = await p.request<Restricted>(RESTRICTED, { ids: [subjectId] }, service());
    expect(after.body.data?.processingRestricted).toEqual([{ userId: subjectId, restricted: false, grounds: [] }]);

    // Final: neither a second lift nor an admin's change applies; a new restriction may be filed.
    expect(codeOf((await p.request(LIFT_MINE, { id }, user(subjectId, p.clock))).body)).toBe('INVALID_TRANSITION');
    const reopened = await p.request<{ fileDataSubjectRequest: Dsr }>(FILE, { input: { kind: 'RESTRICTION' } }, user(subjectId, p.clock));
    expect(reopened.body.data?.fileDataSubjectRequest.status).toBe('RECEIVED');
  });

  it('an admin lifts a completed objection with a reason; LIFTED is reachable through the lift only', async () => {
    const p = await setupPrivacy(mongo);
    const subjectId = newId();
    const filed = await p.request<{ fileDataSubjectRequest: Dsr }>(FILE, { input: { kind: 'OBJECTION' } }, user(subjectId, p.clock));
    const id = filed.body.data!.fileDataSubjectRequest.id;
    await p.request(UPDATE, { input: { id, status: 'IN_PROGRESS' } }, admin(p.clock));
    const completed = await p.request<{ updateDataSubjectRequest: Dsr }>(UPDATE, { input: { id, status: 'COMPLETED' } }, admin(p.clock));
    expect(completed.body.data?.updateDataSubjectRequest.status).toBe('COMPLETED');
    expect((await p.request<Restricted>(RESTRICTED, { ids: [subjectId] }, service())).body.data?.processingRestricted[0]?.restricted).toBe(true);

    const viaUpdate = await p.request(UPDATE, { input: { id, status: 'LIFTED', reason: 'Objection withdrawn by phone' } }, admin(p.clock));
    expect(codeOf(viaUpdate.body)).toBe('INVALID_TRANSITION');
    const noReason = await p.request(LIFT, { id, reason: ' ' }, admin(p.clock));
    expect(codeOf(noReason.body)).toBe('BAD_USER_INPUT');
    expect(noReason.body.errors?.[0]?.extensions?.reason).toBe('REASON_REQUIRED');
    expect((await p.request<{ dataSubjectRequest: Dsr }>(ONE, { id }, admin(p.clock))).body.data?.dataSubjectRequest.status).toBe('COMPLETED');

    const adminId = newId();
    const lifted = await p.request<{ liftRestriction: Dsr }>(LIFT, { id, reason: 'Objection withdrawn by phone' }, admin(p.clock, adminId));
    expect(lifted.body.data?.liftRestriction).toMatchObject({ status: 'LIFTED', reason: 'Objection withdrawn by phone' });
    expect(lifted.body.data?.liftRestriction.history.at(-1)).toEqual({ from: 'COMPLETED', to: 'LIFTED', actorId: adminId, actorRole: 'ADMIN', reason: 'Objection withdrawn by phone' });
    expect((await p.request<Restricted>(RESTRICTED, { ids: [subjectId] }, service())).body.data?.processingRestricted[0]).toEqual({ userId: subjectId, restricted: false, grounds: [] });
  });

  it('only a restriction or objection in force can be lifted; users and services cannot lift for others', async () => {
    const p = await setupPrivacy(mongo);
    const subjectId = newId();
    const rect = await p.request<{ fileDataSubjectRequest: Dsr }>(FILE, { input: { kind: 'RECTIFICATION', details: 'Wrong town' } }, user(subjectId, p.clock));
    const rectId = rect.body.data!.fileDataSubjectRequest.id;
    expect(codeOf((await p.request(LIFT_MINE, { id: rectId }, user(subjectId, p.clock))).body)).toBe('INVALID_TRANSITION');
    const restriction = await p.request<{ fileDataSubjectRequest: Dsr }>(FILE, { input: { kind: 'RESTRICTION' } }, user(subjectId, p.clock));
    const id = restriction.body.data!.fileDataSubjectRequest.id;
    await p.request(UPDATE, { input: { id, status: 'REJECTED', reason: 'Processing needed for a legal claim' } }, admin(p.clock));
    expect(codeOf((await p.request(LIFT, { id, reason: 'no longer needed' }, admin(p.clock))).body)).toBe('INVALID_TRANSITION');
    expect(codeOf((await p.request(LIFT, { id, reason: 'no longer needed' }, user(subjectId, p.clock))).body)).toBe('FORBIDDEN');
    expect(codeOf((await p.request(LIFT_MINE, { id: 'bogus' }, user(subjectId, p.clock))).body)).toBe('NOT_FOUND');
  });
});

describe('a request filed by a service with the identity verified by an emailed code', () => {
  it('ERASURE skips the re-authentication, audited with how the identity was verified', async () => {
    const p = await setupPrivacy(mongo);
    const subjectId = newId();
    const FILE_VERIFIED = `mutation ($input: FileVerifiedDataSubjectRequestInput!) { fileVerifiedDataSubjectRequest(input: $input) { ${FIELDS} subjectId kind filedBy verifiedAt } }`;
    const input = { subjectId, kind: 'ERASURE', verifiedBy: 'EMAIL_CODE' };
    expect(codeOf((await p.request(FILE_VERIFIED, { input }, user(subjectId, p.clock))).body)).toBe('FORBIDDEN');
    const filed = await p.request<{ fileVerifiedDataSubjectRequest: Dsr & { subjectId: string; filedBy: string; verifiedAt: string } }>(FILE_VERIFIED, { input }, service());
    const request = filed.body.data!.fileVerifiedDataSubjectRequest;
    expect(request).toMatchObject({ subjectId, kind: 'ERASURE', status: 'IN_PROGRESS', filedBy: 'SUBJECT', verifiedAt: '2026-11-02T09:00:00.000Z' });
    expect(request.history.map((t) => [t.from, t.to, t.reason])).toEqual([
      [null, 'RECEIVED', null],
      ['RECEIVED', 'VERIFYING', 'Identity to be confirmed by signing in again'],
      ['VERIFYING', 'IN_PROGRESS', "Identity confirmed by a one-time code mailed to the account's email address"],
    ]);
    // The requester sees it as their own request.
    expect((await p.request<{ dataSubjectRequest: Dsr }>(ONE, { id: request.id }, user(subjectId, p.clock))).body.data?.dataSubjectRequest.status).toBe('IN_PROGRESS');
  });
});
