import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MongoHandle } from '@leadgraph/db';
import { startTestDatabase } from '@leadgraph/testing';
import { DAY, admin, codeOf, newId, newVisitorId, service, setupPrivacy, user, visitor } from './harness.ts';

let mongo: MongoHandle;
beforeAll(async () => {
  mongo = await startTestDatabase();
});
afterAll(() => mongo.stop());

const VIEW = 'mutation ($input: RecordPageViewInput!) { recordPageView(input: $input) }';
const GRANT = (granted: boolean) => `mutation { setConsent(input: { source: BANNER, choices: [{ purpose: ANALYTICS, granted: ${granted} }] }) { decided } }`;
const MINE = '{ myTechnicalData { edges { node { kind securityEvent ipAddress device browser page referrer occurredAt } } } }';
const SECURITY = 'mutation ($input: RecordSecurityEventInput!) { recordSecurityEvent(input: $input) }';
const SCHEDULE = '{ retentionSchedule { name description nextRunAt lastRuns { deleted outcome } } }';
const FIREFOX = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0';

type Mine = { myTechnicalData: { edges: Array<{ node: Record<string, unknown> }> } };

describe('technical data', () => {
  it('refuses a page view without ANALYTICS consent (CONSENT_REQUIRED) and stores nothing, also under GPC', async () => {
    const p = await setupPrivacy(mongo);
    const userId = newId();
    const vid = newVisitorId();
    expect(codeOf((await p.request(VIEW, { input: { page: '/leads' } }, user(userId, p.clock))).body)).toBe('CONSENT_REQUIRED');
    expect(codeOf((await p.request(VIEW, { input: { page: '/leads' } }, visitor(vid, true))).body)).toBe('CONSENT_REQUIRED');
    expect(codeOf((await p.request(VIEW, { input: { page: '/leads' } }, {})).body)).toBe('CONSENT_REQUIRED');
    await p.request(GRANT(false), undefined, user(userId, p.clock));
    expect(codeOf((await p.request(VIEW, { input: { page: '/leads' } }, user(userId, p.clock))).body)).toBe('CONSENT_REQUIRED');
    expect(await p.db.collection('technical_events').countDocuments()).toBe(0);
  });

  it('with consent stores a truncated IP, a coarse device and browser, the path and the referrer origin only', async () => {
    const p = await setupPrivacy(mongo);
    const userId = newId();
    const me = { ...user(userId, p.clock, { clientIp: '203.0.113.77' }), ...visitor(newVisitorId(), false, FIREFOX) };
    await p.request(GRANT(true), undefined, me);
    const ok = await p.request(VIEW, { input: { page: '/leads/42?email=jane@example.com#top', referrer: 'https://search.example/q?name=jane' } }, me);
    expect(ok.body).toEqual({ data: { recordPageView: true } });
    const v6 = { ...user(userId, p.clock, { clientIp: '2001:db8:85a3:8d3:1319:8a2e:370:7348' }) };
    await p.request(VIEW, { input: { page: '/pros' } }, v6);
    const mine = await p.request<Mine>(MINE, undefined, user(userId, p.clock));
    expect(mine.body.data?.myTechnicalData.edges.map((e) => e.node)).toEqual([
      { kind: 'PAGE_VIEW', securityEvent: null, ipAddress: '2001:db8:85a3::', device: 'UNKNOWN', browser: null, page: '/pros', referrer: null, occurredAt: p.clock.now().toISOString() },
      { kind: 'PAGE_VIEW', securityEvent: null, ipAddress: '203.0.113.0', device: 'DESKTOP', browser: 'Firefox', page: '/leads/42', referrer: 'https://search.example', occurredAt: p.clock.now().toISOString() },
    ]);
    expect(codeOf((await p.request(VIEW, { input: { page: 'no-slash' } }, me)).body)).toBe('BAD_USER_INPUT');
  });

  it('security events come from services only and keep the whole IP; another user sees none of them', async () => {
    const p = await setupPrivacy(mongo);
    const userId = newId();
    const input = { userId, event: 'SIGN_IN_FAILED', clientIp: '198.51.100.23', userAgent: FIREFOX };
    expect(codeOf((await p.request(SECURITY, { input }, user(userId, p.clock))).body)).toBe('FORBIDDEN');
    expect((await p.request(SECURITY, { input }, service())).body).toEqual({ data: { recordSecurityEvent: true } });
    expect(codeOf((await p.request(SECURITY, { input: { ...input, event: 'sign in' } }, service())).body)).toBe('BAD_USER_INPUT');
    const mine = await p.request<Mine>(MINE, undefined, user(userId, p.clock));
    expect(mine.body.data?.myTechnicalData.edges[0]?.node).toMatchObject({ kind: 'SECURITY', securityEvent: 'SIGN_IN_FAILED', ipAddress: '198.51.100.23' });
    const other = await p.request<Mine>(MINE, undefined, user(newId(), p.clock));
    expect(other.body.data?.myTechnicalData.edges).toEqual([]);
  });

  it('retention: technical data older than 12 months and expired exports are deleted by the scheduled jobs, with counts', async () => {
    const p = await setupPrivacy(mongo, new Date('2026-01-15T00:00:00.000Z'));
    const userId = newId();
    await p.request(SECURITY, { input: { userId, event: 'SIGN_IN', clientIp: '198.51.100.1' } }, service());
    // An access request answered now: its export link works for 7 days.
    const filed = await p.request<{ fileDataSubjectRequest: { id: string } }>('mutation { fileDataSubjectRequest(input: { kind: ACCESS }) { id } }', undefined, user(userId, p.clock));
    const id = filed.body.data!.fileDataSubjectRequest.id;
    await p.request('mutation ($id: ID!) { updateDataSubjectRequest(input: { id: $id, status: COMPLETED }) { status } }', { id }, admin(p.clock));
    expect(await p.db.collection('export_artifacts').countDocuments()).toBe(1);
    const first = await p.runDueJobs();
    expect(first.runs.map((r) => [r.job, r.outcome, r.removed]).sort()).toEqual([
      ['privacy.expired-exports', 'ok', { exports: 0 }],
      // The declared retentions of every @personal field (technical data: P12M): nothing due yet.
      ['privacy.retention-personal-data', 'ok', {}],
    ]);
    p.clock.advance(7 * DAY + 1);
    const week = await p.runDueJobs();
    expect(week.runs.find((r) => r.job === 'privacy.expired-exports')?.removed).toEqual({ exports: 1 });
    expect(await p.db.collection('export_artifacts').countDocuments()).toBe(0);
    p.clock.advance(200 * DAY);
    await p.request(SECURITY, { input: { userId, event: 'SIGN_IN', clientIp: '198.51.100.2' } }, service());
    p.clock.set(new Date('2027-01-15T00:00:01.000Z'));
    const later = await p.runDueJobs();
    expect(later.runs.find((r) => r.job === 'privacy.retention-personal-data')?.removed).toEqual({ 'technical_events:deleted': 1 });
    expect(await p.db.collection('technical_events').countDocuments()).toBe(1);

    type Schedule = { retentionSchedule: Array<{ name: string; nextRunAt: string; lastRuns: Array<{ deleted: number; outcome: string }> }> };
    const schedule = await p.request<Schedule>(SCHEDULE, undefined, admin(p.clock));
    const technical = schedule.body.data?.retentionSchedule.find((j) => j.name === 'privacy.retention-personal-data');
    // Run records are kept 90 days (the scheduler's default): the run of a year ago is gone.
    expect(technical?.lastRuns).toEqual([{ deleted: 1, outcome: 'SUCCEEDED' }]);
    expect(new Date(technical!.nextRunAt).getTime()).toBeGreaterThan(p.clock.now().getTime());
    expect(codeOf((await p.request(SCHEDULE, undefined, user(userId, p.clock))).body)).toBe('FORBIDDEN');
  });
});
