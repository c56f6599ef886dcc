import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MongoHandle } from '@leadgraph/db';
import { startTestDatabase } from '@leadgraph/testing';
import { createDataSubjectRequest } from '../src/seed/index.ts';
import { DAY, as, newId, service, setupPrivacy } from './harness.ts';

let mongo: MongoHandle;
beforeAll(async () => {
  mongo = await startTestDatabase();
});
afterAll(() => mongo.stop());

const ERASE = `mutation ($input: EraseDataSubjectInput!) {
  eraseDataSubject(input: $input) { subgraph collections { collection deleted anonymized held } heldUntil }
}`;
const SCAN = `query ($input: ScanForValuesInput!) { scanForValues(input: $input) { collection path count } }`;

type Report = { eraseDataSubject: { subgraph: string; collections: Array<{ collection: string; deleted: number; anonymized: number; held: number }>; heldUntil: string | null } };
type Hits = { scanForValues: Array<{ collection: string; path: string; count: number }> };

const oid = (id: string) => new mongoose.Types.ObjectId(id);
const JANE_IP = '198.51.100.23';
const JANE_PAGE = '/pros/quillfeather-harp-movers';
const JANE_DETAILS = 'Please erase everything, I moved to Tasmania';

async function seed(db: mongoose.Connection, at: Date, jane: string, other: string) {
  const consent = (userId: string, purpose: string, granted: boolean) => ({
    userId: oid(userId), visitorId: null, purpose, granted, action: 'GIVEN', source: 'BANNER', gpcSignal: false, fromGpc: false,
    cookiePolicyVersion: 1, privacyPolicyVersion: 1, mergedFromVisitor: false, mergedAt: null, mergeClaim: null, recordedAt: at,
  });
  await db.collection('consent_records').insertMany([consent(jane, 'ANALYTICS', true), consent(jane, 'MARKETING', false), consent(other, 'ANALYTICS', true)]);
  const event = (userId: string, ipAddress: string, page: string) => ({
    kind: 'PAGE_VIEW', userId: oid(userId), visitorId: null, securityEvent: null, ipAddress, device: 'desktop', browser: 'Firefox', page, referrer: null,
    occurredAt: at, expiresAt: new Date(at.getTime() + 400 * DAY),
  });
  await db.collection('technical_events').insertMany([event(jane, JANE_IP, JANE_PAGE), event(other, '192.0.2.50', '/')]);
  const request = await createDataSubjectRequest(db, { subjectId: jane, kind: 'ERASURE', receivedAt: at });
  await db.collection('data_subject_requests').updateOne({ _id: request._id }, { $set: { details: JANE_DETAILS } });
  return request._id.toHexString();
}

describe('eraseDataSubject (privacy)', () => {
  it('deletes consent history and technical data, keeps the requests under legal hold until the retention job deletes them', async () => {
    const sut = await setupPrivacy(mongo);
    const [jane, other] = [newId(), newId()];
    const requestId = await seed(sut.db, sut.clock.now(), jane, other);

    const before = await sut.request<Hits>(SCAN, { input: { values: [JANE_IP, JANE_PAGE, JANE_DETAILS] } }, service());
    expect(before.body.data?.scanForValues).toEqual([
      { collection: 'data_subject_requests', path: 'details', count: 1 },
      { collection: 'technical_events', path: 'ipAddress', count: 1 },
      { collection: 'technical_events', path: 'page', count: 1 },
    ]);

    const erasedAt = sut.clock.now();
    const res = await sut.request<Report>(ERASE, { input: { subjectId: jane, requestId } }, service());
    expect(res.body.errors).toBeUndefined();
    const heldUntil = new Date(erasedAt);
    heldUntil.setUTCFullYear(heldUntil.getUTCFullYear() + 3);
    expect(res.body.data?.eraseDataSubject).toEqual({
      subgraph: 'privacy',
      collections: [
        { collection: 'consent_records', deleted: 2, anonymized: 0, held: 0 },
        { collection: 'data_subject_requests', deleted: 0, anonymized: 0, held: 1 },
        { collection: 'technical_events', deleted: 1, anonymized: 0, held: 0 },
      ],
      heldUntil: heldUntil.toISOString(),
    });
    expect(await sut.db.collection('consent_records').countDocuments({ userId: oid(jane) })).toBe(0);
    expect(await sut.db.collection('consent_records').countDocuments({ userId: oid(other) })).toBe(1);
    expect(await sut.db.collection('technical_events').countDocuments({ userId: oid(other) })).toBe(1);
    expect(await sut.db.collection('data_subject_requests').findOne({ _id: oid(requestId) })).toMatchObject({ details: JANE_DETAILS, heldUntil });

    // The held details are left out of the values by the caller; nothing else of Jane's remains.
    const after = await sut.request<Hits>(SCAN, { input: { values: [JANE_IP, JANE_PAGE] } }, service());
    expect(after.body.data?.scanForValues).toEqual([]);

    const again = await sut.request<Report>(ERASE, { input: { subjectId: jane, requestId } }, service());
    expect(again.body.data?.eraseDataSubject).toEqual({ subgraph: 'privacy', collections: [], heldUntil: heldUntil.toISOString() });

    // A day before the hold ends the request stays; after it, the retention job deletes it.
    sut.clock.set(new Date(heldUntil.getTime() - DAY));
    await sut.runDueJobs();
    expect(await sut.db.collection('data_subject_requests').countDocuments({ _id: oid(requestId) })).toBe(1);
    sut.clock.set(new Date(heldUntil.getTime() + DAY));
    const { runs } = await sut.runDueJobs();
    expect(await sut.db.collection('data_subject_requests').countDocuments({ _id: oid(requestId) })).toBe(0);
    expect(runs.find((run) => run.job === 'privacy.retention-personal-data')?.removed).toMatchObject({ 'data_subject_requests:held': 1 });
  });

  it('enforces the 12-month retention of technical data: older removed, younger kept', async () => {
    const sut = await setupPrivacy(mongo);
    const start = sut.clock.now();
    const [old, young] = [newId(), newId()];
    const event = (userId: string, occurredAt: Date) => ({
      kind: 'SECURITY', userId: oid(userId), visitorId: null, securityEvent: 'SIGN_IN', ipAddress: '203.0.113.5', device: null, browser: null, page: null, referrer: null,
      occurredAt, expiresAt: new Date(occurredAt.getTime() + 1000 * DAY),
    });
    await sut.db.collection('technical_events').insertMany([event(old, new Date(start.getTime() - 366 * DAY)), event(young, new Date(start.getTime() - 300 * DAY))]);
    await sut.runDueJobs();
    expect(await sut.db.collection('technical_events').countDocuments({ userId: oid(old) })).toBe(0);
    expect(await sut.db.collection('technical_events').countDocuments({ userId: oid(young) })).toBe(1);
  });

  it('refuses bad input and callers other than a service', async () => {
    const sut = await setupPrivacy(mongo);
    const bad = await sut.request(ERASE, { input: { subjectId: 'x', requestId: newId() } }, service());
    expect(bad.body.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    const asAdmin = await sut.request(SCAN, { input: { values: ['anything'] } }, as({ userId: newId(), role: 'admin' }));
    expect(asAdmin.body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
  });
});
