import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MongoHandle } from '@leadgraph/db';
import { startTestDatabase } from '@leadgraph/testing';
import { strFromU8, unzipSync } from 'fflate';
import { DAY, MINUTE, admin, codeOf, newId, service, setupPrivacy, user } from './harness.ts';

let mongo: MongoHandle;
beforeAll(async () => {
  mongo = await startTestDatabase();
});
afterAll(() => mongo.stop());

const FIELDS = 'id subjectId kind status receivedAt dueAt verifiedAt closedAt reason filedBy history { from to actorRole reason notification } export { expired downloadToken downloadPath expiresAt }';
const FILE = `mutation ($input: FileDataSubjectRequestInput!) { fileDataSubjectRequest(input: $input) { ${FIELDS} } }`;
const VERIFY = `mutation ($id: ID!) { verifyDataSubjectRequest(id: $id) { ${FIELDS} } }`;
const UPDATE = `mutation ($input: UpdateDataSubjectRequestInput!) { updateDataSubjectRequest(input: $input) { ${FIELDS} } }`;
const ONE = `query ($id: ID!) { dataSubjectRequest(id: $id) { ${FIELDS} } }`;
const QUEUE = 'query ($first: Int, $after: String, $status: DataSubjectRequestStatus) { dataSubjectRequests(first: $first, after: $after, status: $status) { edges { cursor node { id dueAt status } } pageInfo { hasNextPage endCursor } } }';
const DOWNLOAD = 'query ($token: String!) { dataExport(token: $token) { json archiveBase64 contentType byteSize fileName expiresAt } }';

interface Dsr {
  id: string;
  status: string;
  dueAt: string;
  verifiedAt: string | null;
  closedAt: string | null;
  reason: string | null;
  history: Array<{ from: string | null; to: string; actorRole: string; reason: string | null; notification: string }>;
  export: { expired: boolean; downloadToken: string | null; downloadPath: string | null; expiresAt: string } | null;
}

describe('data-subject requests', () => {
  it('ACCESS, full lifecycle: received, verifying until a recent sign-in, in progress, extended once, completed with a 7-day export', async () => {
    const p = await setupPrivacy(mongo, new Date('2026-01-31T10:00:00.000Z'));
    const subjectId = newId();
    // Signed in an hour ago: the request waits in VERIFYING.
    const stale = user(subjectId, p.clock, { authenticatedAt: p.clock.now().getTime() - 60 * MINUTE });
    const filed = await p.request<{ fileDataSubjectRequest: Dsr }>(FILE, { input: { kind: 'ACCESS' } }, stale);
    const request = filed.body.data!.fileDataSubjectRequest;
    expect(request).toMatchObject({ status: 'VERIFYING', dueAt: '2026-02-28T10:00:00.000Z', verifiedAt: null, filedBy: 'SUBJECT' });
    expect(request.history.map((t) => [t.from, t.to, t.actorRole])).toEqual([[null, 'RECEIVED', 'CLIENT'], ['RECEIVED', 'VERIFYING', 'SYSTEM']]);
    expect(request.history.every((t) => t.notification === 'FAILED')).toBe(true);

    // Not verified: neither the requester without a recent sign-in, nor an admin, can move it on.
    const refused = await p.request(VERIFY, { id: request.id }, stale);
    expect(codeOf(refused.body)).toBe('REAUTH_REQUIRED');
    const adminTooSoon = await p.request(UPDATE, { input: { id: request.id, status: 'IN_PROGRESS' } }, admin(p.clock));
    expect(codeOf(adminTooSoon.body)).toBe('IDENTITY_NOT_VERIFIED');
    expect((await p.request<{ dataSubjectRequest: Dsr }>(ONE, { id: request.id }, stale)).body.data?.dataSubjectRequest.status).toBe('VERIFYING');

    const verified = await p.request<{ verifyDataSubjectRequest: Dsr }>(VERIFY, { id: request.id }, user(subjectId, p.clock));
    expect(verified.body.data?.verifyDataSubjectRequest).toMatchObject({ status: 'IN_PROGRESS', verifiedAt: '2026-01-31T10:00:00.000Z' });

    const noReason = await p.request(UPDATE, { input: { id: request.id, status: 'EXTENDED' } }, admin(p.clock));
    expect(codeOf(noReason.body)).toBe('BAD_USER_INPUT');
    expect(noReason.body.errors?.[0]?.extensions?.reason).toBe('REASON_REQUIRED');
    const extended = await p.request<{ updateDataSubjectRequest: Dsr }>(UPDATE, { input: { id: request.id, status: 'EXTENDED', reason: 'Data spread over archived systems' } }, admin(p.clock));
    expect(extended.body.data?.updateDataSubjectRequest).toMatchObject({ status: 'EXTENDED', dueAt: '2026-04-30T10:00:00.000Z', reason: 'Data spread over archived systems' });
    await p.request(UPDATE, { input: { id: request.id, status: 'IN_PROGRESS' } }, admin(p.clock));
    const twice = await p.request(UPDATE, { input: { id: request.id, status: 'EXTENDED', reason: 'again' } }, admin(p.clock));
    expect(codeOf(twice.body)).toBe('ALREADY_EXTENDED');

    const completed = await p.request<{ updateDataSubjectRequest: Dsr }>(UPDATE, { input: { id: request.id, status: 'COMPLETED' } }, admin(p.clock));
    const done = completed.body.data!.updateDataSubjectRequest;
    expect(done.status).toBe('COMPLETED');
    expect(done.closedAt).toBe('2026-01-31T10:00:00.000Z');
    expect(done.export).toMatchObject({ expired: false, downloadToken: null, expiresAt: '2026-02-07T10:00:00.000Z' });
    expect(done.history.map((t) => t.to)).toEqual(['RECEIVED', 'VERIFYING', 'IN_PROGRESS', 'EXTENDED', 'IN_PROGRESS', 'COMPLETED']);
    const final = await p.request(UPDATE, { input: { id: request.id, status: 'REJECTED', reason: 'too late' } }, admin(p.clock));
    expect(codeOf(final.body)).toBe('INVALID_TRANSITION');

    // The requester sees the link; it downloads for them only, until it expires.
    const own = await p.request<{ dataSubjectRequest: Dsr }>(ONE, { id: request.id }, user(subjectId, p.clock));
    const token = own.body.data!.dataSubjectRequest.export!.downloadToken!;
    expect(own.body.data?.dataSubjectRequest.export?.downloadPath).toBe(`/privacy/exports/${token}`);
    const download = await p.request<{ dataExport: { json: string; archiveBase64: string; contentType: string; byteSize: number; fileName: string } }>(DOWNLOAD, { token }, user(subjectId, p.clock));
    const exported = download.body.data!.dataExport;
    expect(JSON.parse(exported.json)).toMatchObject({ format: 'leadgraph-export/v1', subjectId, data: { dataSubject: { id: subjectId } } });
    expect(JSON.parse(exported.json).data.dataSubject.dataSubjectRequests.map((r: { id: string }) => r.id)).toEqual([request.id]);
    const zip = unzipSync(Buffer.from(exported.archiveBase64, 'base64'));
    expect(Object.keys(zip).sort()).toEqual(expect.arrayContaining(['data.json', 'summary.html', 'csv/DataSubjectRequest.csv']));
    expect(exported).toMatchObject({ contentType: 'application/zip', byteSize: Buffer.from(exported.archiveBase64, 'base64').length, fileName: 'leadgraph-export-2026-01-31.zip' });
    expect(strFromU8(zip['summary.html']!)).toContain('DataSubjectRequest.details');
    expect(codeOf((await p.request(DOWNLOAD, { token }, user(newId(), p.clock))).body)).toBe('NOT_FOUND');
    expect(codeOf((await p.request(DOWNLOAD, { token: `${token.slice(0, -2)}xx` }, user(subjectId, p.clock))).body)).toBe('NOT_FOUND');
    p.clock.advance(7 * DAY);
    expect(codeOf((await p.request(DOWNLOAD, { token }, user(subjectId, p.clock))).body)).toBe('EXPORT_LINK_EXPIRED');
    const later = await p.request<{ dataSubjectRequest: Dsr }>(ONE, { id: request.id }, user(subjectId, p.clock));
    expect(later.body.data?.dataSubjectRequest.export).toMatchObject({ expired: true, downloadToken: null });
  });

  it('ERASURE with a recent sign-in is verified at once; REJECTED needs a reason', async () => {
    const p = await setupPrivacy(mongo);
    const subjectId = newId();
    const filed = await p.request<{ fileDataSubjectRequest: Dsr }>(FILE, { input: { kind: 'ERASURE' } }, user(subjectId, p.clock));
    expect(filed.body.data?.fileDataSubjectRequest.history.map((t) => t.to)).toEqual(['RECEIVED', 'VERIFYING', 'IN_PROGRESS']);
    const id = filed.body.data!.fileDataSubjectRequest.id;
    expect(codeOf((await p.request(UPDATE, { input: { id, status: 'REJECTED', reason: ' ' } }, admin(p.clock))).body)).toBe('BAD_USER_INPUT');
    const rejected = await p.request<{ updateDataSubjectRequest: Dsr }>(UPDATE, { input: { id, status: 'REJECTED', reason: 'Invoices must be kept 6 years' } }, admin(p.clock));
    expect(rejected.body.data?.updateDataSubjectRequest).toMatchObject({ status: 'REJECTED', reason: 'Invoices must be kept 6 years' });
    expect(rejected.body.data?.updateDataSubjectRequest.history.at(-1)).toMatchObject({ from: 'IN_PROGRESS', to: 'REJECTED', actorRole: 'ADMIN', reason: 'Invoices must be kept 6 years' });
  });

  it("someone else's request is NOT_FOUND, like one that does not exist; users cannot work the queue", async () => {
    const p = await setupPrivacy(mongo);
    const owner = newId();
    const filed = await p.request<{ fileDataSubjectRequest: Dsr }>(FILE, { input: { kind: 'OBJECTION', details: 'No marketing' } }, user(owner, p.clock));
    const id = filed.body.data!.fileDataSubjectRequest.id;
    const other = user(newId(), p.clock);
    const theirs = await p.request(ONE, { id }, other);
    const missing = await p.request(ONE, { id: newId() }, other);
    expect(theirs.body.errors?.[0]).toEqual(missing.body.errors?.[0]);
    expect(codeOf(theirs.body)).toBe('NOT_FOUND');
    expect(codeOf((await p.request(VERIFY, { id }, other)).body)).toBe('NOT_FOUND');
    expect(codeOf((await p.request(QUEUE, {}, other)).body)).toBe('FORBIDDEN');
    expect(codeOf((await p.request(UPDATE, { input: { id, status: 'IN_PROGRESS' } }, other)).body)).toBe('FORBIDDEN');
    expect(codeOf((await p.request(FILE, { input: { kind: 'ACCESS' } }, {})).body)).toBe('UNAUTHENTICATED');
    const mine = await p.request<{ myDataSubjectRequests: { edges: unknown[] } }>('{ myDataSubjectRequests { edges { node { id } } } }', undefined, other);
    expect(mine.body.data?.myDataSubjectRequests.edges).toEqual([]);
  });

  it('one open request per kind; RECTIFICATION needs details; nothing half-written', async () => {
    const p = await setupPrivacy(mongo);
    const me = user(newId(), p.clock);
    expect((await p.request(FILE, { input: { kind: 'RESTRICTION' } }, me)).body.errors).toBeUndefined();
    expect(codeOf((await p.request(FILE, { input: { kind: 'RESTRICTION' } }, me)).body)).toBe('OPEN_REQUEST_EXISTS');
    // Concurrent filings of one kind: exactly one wins.
    const racing = await Promise.all([1, 2, 3].map(() => p.request(FILE, { input: { kind: 'OBJECTION' } }, me)));
    expect(racing.map((r) => codeOf(r.body) ?? 'OK').sort()).toEqual(['OK', 'OPEN_REQUEST_EXISTS', 'OPEN_REQUEST_EXISTS']);
    expect(codeOf((await p.request(FILE, { input: { kind: 'RECTIFICATION' } }, me)).body)).toBe('BAD_USER_INPUT');
    expect(await p.db.collection('data_subject_requests').countDocuments()).toBe(2);
  });

  it('the admin queue is sorted by due date with stable cursors, open requests by default', async () => {
    const p = await setupPrivacy(mongo, new Date('2026-03-01T00:00:00.000Z'));
    const ids: string[] = [];
    for (const kind of ['RECTIFICATION', 'RESTRICTION', 'OBJECTION']) {
      const filed = await p.request<{ fileDataSubjectRequest: Dsr }>(FILE, { input: { kind, details: 'x' } }, user(newId(), p.clock));
      ids.push(filed.body.data!.fileDataSubjectRequest.id);
      p.clock.advance(DAY);
    }
    await p.request(UPDATE, { input: { id: ids[0], status: 'EXTENDED', reason: 'Needs the archive' } }, admin(p.clock));
    type Queue = { dataSubjectRequests: { edges: Array<{ node: { id: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string } } };
    const page1 = await p.request<Queue>(QUEUE, { first: 2 }, admin(p.clock));
    expect(page1.body.data?.dataSubjectRequests.edges.map((e) => e.node.id)).toEqual([ids[1], ids[2]]);
    expect(page1.body.data?.dataSubjectRequests.pageInfo.hasNextPage).toBe(true);
    const page2 = await p.request<Queue>(QUEUE, { first: 2, after: page1.body.data!.dataSubjectRequests.pageInfo.endCursor }, admin(p.clock));
    expect(page2.body.data?.dataSubjectRequests.edges.map((e) => e.node.id)).toEqual([ids[0]]);
    const extendedOnly = await p.request<Queue>(QUEUE, { status: 'EXTENDED' }, admin(p.clock));
    expect(extendedOnly.body.data?.dataSubjectRequests.edges.map((e) => e.node.id)).toEqual([ids[0]]);
    expect(codeOf((await p.request(QUEUE, { after: 'bogus' }, admin(p.clock))).body)).toBe('BAD_USER_INPUT');
  });

  it('restriction and objection are honoured for services; consent withdrawal is carried out at once', async () => {
    const p = await setupPrivacy(mongo);
    const [restricted, free] = [newId(), newId()];
    await p.request(FILE, { input: { kind: 'OBJECTION' } }, user(restricted, p.clock));
    const answer = await p.request<{ processingRestricted: unknown[] }>(
      'query ($ids: [ID!]!) { processingRestricted(userIds: $ids) { userId restricted grounds } }',
      { ids: [free, restricted] },
      service(),
    );
    expect(answer.body.data?.processingRestricted).toEqual([
      { userId: free, restricted: false, grounds: [] },
      { userId: restricted, restricted: true, grounds: ['OBJECTION'] },
    ]);
    await p.request('mutation { setConsent(input: { source: BANNER, choices: [{ purpose: MARKETING, granted: true }] }) { decided } }', undefined, user(free, p.clock));
    const withdrawal = await p.request<{ fileDataSubjectRequest: Dsr }>(FILE, { input: { kind: 'CONSENT_WITHDRAWAL' } }, user(free, p.clock));
    expect(withdrawal.body.data?.fileDataSubjectRequest.status).toBe('COMPLETED');
    const consent = await p.request<{ myConsent: { consentMode: { adStorage: string } } }>('{ myConsent { consentMode { adStorage } } }', undefined, user(free, p.clock));
    expect(consent.body.data?.myConsent.consentMode.adStorage).toBe('DENIED');
  });

  it("an admin reads the requester's details only with a stated reason (privacy-kit masking)", async () => {
    const p = await setupPrivacy(mongo);
    const filed = await p.request<{ fileDataSubjectRequest: Dsr }>(FILE, { input: { kind: 'RECTIFICATION', details: 'My company name is misspelt' } }, user(newId(), p.clock));
    const id = filed.body.data!.fileDataSubjectRequest.id;
    const DETAILS = 'query ($id: ID!) { dataSubjectRequest(id: $id) { details } }';
    expect((await p.request(DETAILS, { id }, admin(p.clock))).body.data).toEqual({ dataSubjectRequest: { details: '[redacted]' } });
    const withReason = await p.request(DETAILS, { id }, { ...admin(p.clock), 'x-leadgraph-admin-reason': 'answering the rectification request' });
    expect(withReason.body.data).toEqual({ dataSubjectRequest: { details: 'My company name is misspelt' } });
  });

  it('counts open requests on User.pendingDataSubjectRequests', async () => {
    const p = await setupPrivacy(mongo);
    const subjectId = newId();
    await p.request(FILE, { input: { kind: 'ACCESS' } }, user(subjectId, p.clock, { authenticatedAt: 0 }));
    await p.request(FILE, { input: { kind: 'CONSENT_WITHDRAWAL' } }, user(subjectId, p.clock));
    const count = await p.request<{ _entities: Array<{ pendingDataSubjectRequests: number }> }>(
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { pendingDataSubjectRequests } } }',
      { r: [{ __typename: 'User', id: subjectId }] },
      user(subjectId, p.clock),
    );
    expect(count.body.data?._entities).toEqual([{ pendingDataSubjectRequests: 1 }]);
  });
});
