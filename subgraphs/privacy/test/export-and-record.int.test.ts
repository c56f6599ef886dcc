import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_IDENTITY_SIGNING_KEY, IDENTITY_HEADER, serviceIdentity, signAssertion } from '@leadgraph/identity';
import type { MongoHandle } from '@leadgraph/db';
import { PERSONAL_EXPORT_SCOPE } from '@leadgraph/privacy-kit';
import { startTestDatabase } from '@leadgraph/testing';
import { admin, codeOf, newId, setupPrivacy, user } from './harness.ts';

let mongo: MongoHandle;
beforeAll(async () => {
  mongo = await startTestDatabase();
});
afterAll(() => mongo.stop());

const exporting = () => ({ [IDENTITY_HEADER]: signAssertion(serviceIdentity('privacy', [PERSONAL_EXPORT_SCOPE]), DEV_IDENTITY_SIGNING_KEY) });
const otherService = () => ({ [IDENTITY_HEADER]: signAssertion(serviceIdentity('leads'), DEV_IDENTITY_SIGNING_KEY) });
const SUBJECT = 'query ($id: ID!) { dataSubject(id: $id) { id consentHistory { purpose granted } pageViews { page } dataSubjectRequests { kind details } minorFlags { reason } } }';
const RECORD = '{ recordOfProcessing { supergraphSha256 personalDataSold markdown activities { purpose legalBases fields } categories { key fields { coordinate erasure exported } } processors { name } } }';

describe('the privacy part of a data export (DataSubject)', () => {
  it('answers an exporting service and admins, in clear for the service; FORBIDDEN for anyone else; BAD_USER_INPUT for a bad id', async () => {
    const p = await setupPrivacy(mongo);
    const subjectId = newId();
    await p.request('mutation { setConsent(input: { source: BANNER, choices: [{ purpose: ANALYTICS, granted: true }] }) { decided } }', undefined, user(subjectId, p.clock));
    await p.request('mutation { fileDataSubjectRequest(input: { kind: RECTIFICATION, details: "My name is misspelt" }) { id } }', undefined, user(subjectId, p.clock));

    const asService = await p.request<{ dataSubject: { id: string; consentHistory: unknown[]; dataSubjectRequests: Array<{ details: string }> } }>(SUBJECT, { id: subjectId }, exporting());
    expect(asService.body.errors).toBeUndefined();
    expect(asService.body.data?.dataSubject).toMatchObject({ id: subjectId, pageViews: [], minorFlags: [] });
    expect(asService.body.data?.dataSubject.consentHistory).toEqual([{ purpose: 'ANALYTICS', granted: true }]);
    expect(asService.body.data?.dataSubject.dataSubjectRequests).toEqual([{ kind: 'RECTIFICATION', details: 'My name is misspelt' }]);

    // An admin without a stated reason sees the masked form of what is not public.
    const asAdmin = await p.request<{ dataSubject: { dataSubjectRequests: Array<{ details: string }> } }>(SUBJECT, { id: subjectId }, admin(p.clock));
    expect(asAdmin.body.data?.dataSubject.dataSubjectRequests).toEqual([{ kind: 'RECTIFICATION', details: '[redacted]' }]);

    for (const headers of [user(subjectId, p.clock), otherService()]) {
      expect(codeOf((await p.request(SUBJECT, { id: subjectId }, headers)).body)).toBe('FORBIDDEN');
    }
    expect(codeOf((await p.request(SUBJECT, { id: 'not-an-id' }, exporting())).body)).toBe('BAD_USER_INPUT');
  });
});

describe('recordOfProcessing', () => {
  it('is generated from the supergraph for admins, with the processors register; FORBIDDEN for others', async () => {
    const p = await setupPrivacy(mongo);
    const answer = await p.request<{
      recordOfProcessing: {
        supergraphSha256: string;
        personalDataSold: boolean;
        markdown: string;
        activities: Array<{ purpose: string; fields: string[] }>;
        categories: Array<{ key: string; fields: Array<{ coordinate: string; erasure: string; exported: boolean }> }>;
        processors: Array<{ name: string }>;
      };
    }>(RECORD, undefined, admin(p.clock));
    expect(answer.body.errors).toBeUndefined();
    const record = answer.body.data!.recordOfProcessing;
    expect(record.supergraphSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(record.personalDataSold).toBe(false);
    expect(record.processors.length).toBeGreaterThan(0);
    const details = record.categories.flatMap((c) => c.fields).find((f) => f.coordinate === 'DataSubjectRequest.details');
    expect(details).toEqual({ coordinate: 'DataSubjectRequest.details', erasure: 'LEGAL_HOLD P3Y', exported: true });
    expect(record.activities.find((a) => a.purpose === 'ANALYTICS')?.fields).toContain('TechnicalEvent.page');
    expect(record.markdown).toContain('DataSubjectRequest.details');
    expect(codeOf((await p.request(RECORD, undefined, user(newId(), p.clock))).body)).toBe('FORBIDDEN');
  });
});
