import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MongoHandle } from '@leadgraph/db';
import { startTestDatabase } from '@leadgraph/testing';
import { DAY, admin, codeOf, newId, newVisitorId, service, setupPrivacy, user, visitor } from './harness.ts';

let mongo: MongoHandle;
beforeAll(async () => {
  mongo = await startTestDatabase();
});
afterAll(() => mongo.stop());

const SET = `mutation ($input: SetConsentInput!) { setConsent(input: $input) {
  purposes { purpose granted explicit } consentMode { adStorage analyticsStorage adUserData adPersonalization } gpcSignal decided } }`;
const MY = '{ myConsent { purposes { purpose granted explicit } consentMode { analyticsStorage adStorage } gpcSignal decided } }';
const HISTORY = '{ myConsentHistory(first: 50) { edges { node { purpose granted action source gpcSignal fromGpc cookiePolicyVersion privacyPolicyVersion mergedFromVisitor } } } }';
const STATUS = '{ myConsentStatus { kind state consentedVersion current { version } upcoming { version effectiveAt summary } } }';
const PUBLISH = 'mutation ($input: PublishPolicyVersionInput!) { publishPolicyVersion(input: $input) { kind version publishedAt effectiveAt } }';

type Purpose = { purpose: string; granted: boolean; explicit: boolean };
type History = { myConsentHistory: { edges: Array<{ node: Record<string, unknown> }> } };
const granted = (purposes: Purpose[]) => Object.fromEntries(purposes.map((p) => [p.purpose, p.granted]));

describe('consent', () => {
  it('gives, changes and withdraws; the history only grows and Consent Mode follows the purposes', async () => {
    const p = await setupPrivacy(mongo);
    const me = user(newId(), p.clock);
    const before = await p.request<{ myConsent: { decided: boolean; purposes: Purpose[] } }>(MY, undefined, me);
    expect(before.body.data?.myConsent.decided).toBe(false);
    expect(granted(before.body.data!.myConsent.purposes)).toEqual({ NECESSARY: true, PREFERENCES: false, ANALYTICS: false, MARKETING: false });

    const given = await p.request<{ setConsent: { consentMode: Record<string, string> } }>(SET, {
      input: { source: 'BANNER', choices: [{ purpose: 'ANALYTICS', granted: true }, { purpose: 'MARKETING', granted: true }] },
    }, me);
    expect(given.body.data?.setConsent.consentMode).toEqual({ adStorage: 'GRANTED', analyticsStorage: 'GRANTED', adUserData: 'GRANTED', adPersonalization: 'GRANTED' });
    p.clock.advance(60_000);
    await p.request(SET, { input: { source: 'SETTINGS', choices: [{ purpose: 'PREFERENCES', granted: true }] } }, me);
    p.clock.advance(60_000);
    const withdrawn = await p.request<{ setConsent: { consentMode: Record<string, string>; purposes: Purpose[] } }>(SET, {
      input: { source: 'SETTINGS', choices: [{ purpose: 'MARKETING', granted: false }] },
    }, me);
    expect(withdrawn.body.data?.setConsent.consentMode).toEqual({ adStorage: 'DENIED', analyticsStorage: 'GRANTED', adUserData: 'DENIED', adPersonalization: 'DENIED' });

    const history = await p.request<History>(HISTORY, undefined, me);
    expect(history.body.data?.myConsentHistory.edges.map((e) => [e.node.purpose, e.node.granted, e.node.action, e.node.source])).toEqual([
      ['MARKETING', false, 'WITHDRAWN', 'SETTINGS'],
      ['PREFERENCES', true, 'GIVEN', 'SETTINGS'],
      ['MARKETING', true, 'GIVEN', 'BANNER'],
      ['ANALYTICS', true, 'GIVEN', 'BANNER'],
    ]);
    expect(history.body.data?.myConsentHistory.edges).toHaveLength(4);
    expect(await p.db.collection('consent_records').countDocuments()).toBe(4);
  });

  it('refuses to refuse NECESSARY, duplicate purposes, and a caller with no visitor id; nothing is stored', async () => {
    const p = await setupPrivacy(mongo);
    const me = user(newId(), p.clock);
    const necessary = await p.request(SET, { input: { source: 'API', choices: [{ purpose: 'NECESSARY', granted: false }] } }, me);
    expect(codeOf(necessary.body)).toBe('BAD_USER_INPUT');
    expect(necessary.body.errors?.[0]?.extensions?.reason).toBe('NECESSARY_CANNOT_BE_REFUSED');
    const twice = await p.request(SET, { input: { source: 'API', choices: [{ purpose: 'ANALYTICS', granted: true }, { purpose: 'ANALYTICS', granted: false }] } }, me);
    expect(codeOf(twice.body)).toBe('BAD_USER_INPUT');
    const nobody = await p.request(SET, { input: { source: 'BANNER', choices: [{ purpose: 'ANALYTICS', granted: true }] } }, {});
    expect(codeOf(nobody.body)).toBe('VISITOR_ID_REQUIRED');
    expect(await p.db.collection('consent_records').countDocuments()).toBe(0);
  });

  it('Sec-GPC: 1 records a refusal of ANALYTICS and MARKETING unless chosen explicitly, and notes the signal', async () => {
    const p = await setupPrivacy(mongo);
    const vid = newVisitorId();
    const first = await p.request<{ setConsent: { purposes: Purpose[]; gpcSignal: boolean } }>(SET, {
      input: { source: 'BANNER', choices: [{ purpose: 'PREFERENCES', granted: true }] },
    }, visitor(vid, true));
    expect(first.body.data?.setConsent.gpcSignal).toBe(true);
    expect(first.body.data?.setConsent.purposes).toEqual([
      { purpose: 'NECESSARY', granted: true, explicit: false },
      { purpose: 'PREFERENCES', granted: true, explicit: true },
      { purpose: 'ANALYTICS', granted: false, explicit: false },
      { purpose: 'MARKETING', granted: false, explicit: false },
    ]);
    const history = await p.request<History>(HISTORY, undefined, visitor(vid, true));
    expect(history.body.data?.myConsentHistory.edges.map((e) => [e.node.purpose, e.node.granted, e.node.gpcSignal, e.node.fromGpc]).sort()).toEqual([
      ['ANALYTICS', false, true, true],
      ['MARKETING', false, true, true],
      ['PREFERENCES', true, true, false],
    ]);
    // An explicit choice wins over the signal.
    const chosen = await p.request<{ setConsent: { purposes: Purpose[] } }>(SET, {
      input: { source: 'SETTINGS', choices: [{ purpose: 'ANALYTICS', granted: true }] },
    }, visitor(vid, true));
    expect(granted(chosen.body.data!.setConsent.purposes)).toMatchObject({ ANALYTICS: true, MARKETING: false });
    expect(await p.db.collection('consent_records').countDocuments({ fromGpc: true })).toBe(2);
  });

  it("merges a visitor's decisions into the account on the first consent query after sign-in", async () => {
    const p = await setupPrivacy(mongo);
    const vid = newVisitorId();
    const userId = newId();
    await p.request(SET, { input: { source: 'BANNER', choices: [{ purpose: 'ANALYTICS', granted: true }] } }, visitor(vid));
    p.clock.advance(1_000);
    const signedIn = { ...user(userId, p.clock), ...visitor(vid) };
    const mine = await p.request<{ myConsent: { purposes: Purpose[]; decided: boolean } }>(MY, undefined, signedIn);
    expect(granted(mine.body.data!.myConsent.purposes)).toMatchObject({ ANALYTICS: true });
    // Twice (or concurrently) is still one copy.
    await Promise.all([p.request(MY, undefined, signedIn), p.request(MY, undefined, signedIn)]);
    const history = await p.request<History>(HISTORY, undefined, user(userId, p.clock));
    expect(history.body.data?.myConsentHistory.edges.map((e) => [e.node.purpose, e.node.granted, e.node.mergedFromVisitor])).toEqual([['ANALYTICS', true, true]]);
    // The anonymous browser no longer decides for anyone.
    const anonymous = await p.request<{ myConsent: { decided: boolean } }>(MY, undefined, visitor(vid));
    expect(anonymous.body.data?.myConsent.decided).toBe(false);
  });

  it('a new policy version: a notice while announced, a new prompt once in effect, up to date after consenting again', async () => {
    const p = await setupPrivacy(mongo);
    const me = user(newId(), p.clock);
    type Status = { myConsentStatus: Array<{ kind: string; state: string; consentedVersion: number | null; upcoming: { version: number } | null }> };
    const never = await p.request<Status>(STATUS, undefined, me);
    expect(never.body.data?.myConsentStatus.map((s) => s.state)).toEqual(['PROMPT_REQUIRED', 'PROMPT_REQUIRED']);
    await p.request(SET, { input: { source: 'BANNER', choices: [{ purpose: 'ANALYTICS', granted: false }] } }, me);
    const upToDate = await p.request<Status>(STATUS, undefined, me);
    expect(upToDate.body.data?.myConsentStatus.map((s) => [s.kind, s.state, s.consentedVersion])).toEqual([['PRIVACY', 'UP_TO_DATE', 1], ['COOKIE', 'UP_TO_DATE', 1]]);

    const effectiveAt = new Date(p.clock.now().getTime() + 30 * DAY).toISOString();
    const published = await p.request<{ publishPolicyVersion: { version: number } }>(PUBLISH, {
      input: { kind: 'PRIVACY', text: '# Privacy Policy\n\nVersion 2.', summary: 'Adds a new processor.', effectiveAt },
    }, admin(p.clock));
    expect(published.body.data?.publishPolicyVersion.version).toBe(2);
    const notice = await p.request<Status>(STATUS, undefined, me);
    expect(notice.body.data?.myConsentStatus[0]).toMatchObject({ kind: 'PRIVACY', state: 'NOTICE', upcoming: { version: 2 } });
    expect((await p.request<{ upcomingPolicy: { version: number } }>('{ upcomingPolicy(kind: PRIVACY) { version } }', undefined, {})).body.data).toEqual({ upcomingPolicy: { version: 2 } });

    p.clock.advance(31 * DAY);
    const prompt = await p.request<Status>(STATUS, undefined, me);
    expect(prompt.body.data?.myConsentStatus.map((s) => [s.kind, s.state])).toEqual([['PRIVACY', 'PROMPT_REQUIRED'], ['COOKIE', 'UP_TO_DATE']]);
    expect((await p.request<{ currentPolicy: { version: number } }>('{ currentPolicy(kind: PRIVACY) { version } }', undefined, {})).body.data).toEqual({ currentPolicy: { version: 2 } });
    await p.request(SET, { input: { source: 'BANNER', choices: [{ purpose: 'ANALYTICS', granted: false }] } }, me);
    const again = await p.request<Status>(STATUS, undefined, me);
    expect(again.body.data?.myConsentStatus.map((s) => [s.state, s.consentedVersion])).toEqual([['UP_TO_DATE', 2], ['UP_TO_DATE', 1]]);
  });

  it('publishing: admins only, effective not before publication nor before the latest version; versions never change', async () => {
    const p = await setupPrivacy(mongo);
    const input = { kind: 'COOKIE', text: 'Cookies v2', summary: 'Clearer table.', effectiveAt: new Date(p.clock.now().getTime() - 1).toISOString() };
    expect(codeOf((await p.request(PUBLISH, { input }, admin(p.clock))).body)).toBe('BAD_USER_INPUT');
    expect(codeOf((await p.request(PUBLISH, { input: { ...input, effectiveAt: p.clock.now().toISOString() } }, user(newId(), p.clock))).body)).toBe('FORBIDDEN');
    expect(await p.db.collection('policy_versions').countDocuments({ kind: 'COOKIE' })).toBe(1);
    const ok = await p.request(PUBLISH, { input: { ...input, effectiveAt: new Date(p.clock.now().getTime() + 10 * DAY).toISOString() } }, admin(p.clock));
    expect(ok.body.errors).toBeUndefined();
    const earlier = await p.request(PUBLISH, { input: { ...input, effectiveAt: new Date(p.clock.now().getTime() + 5 * DAY).toISOString() } }, admin(p.clock));
    expect(earlier.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_EFFECTIVE_DATE' });
    const versions = await p.request<{ policyVersions: Array<{ version: number; text: string }> }>('{ policyVersions(kind: COOKIE) { version text } }', undefined, {});
    expect(versions.body.data?.policyVersions.map((v) => v.version)).toEqual([2, 1]);
    expect(versions.body.data?.policyVersions[1]?.text).toMatch(/Cookie Policy/);
  });

  it('answers services: one decision, and a batch in the order asked; users cannot call it', async () => {
    const p = await setupPrivacy(mongo);
    const [a, b] = [newId(), newId()];
    await p.request(SET, { input: { source: 'BANNER', choices: [{ purpose: 'MARKETING', granted: true }] } }, user(a, p.clock));
    const batch = await p.request<{ consentDecisions: Array<{ userId: string; granted: boolean; explicit: boolean }> }>(
      'query ($ids: [ID!]!) { consentDecisions(userIds: $ids, purpose: MARKETING) { userId granted explicit } }',
      { ids: [b, a] },
      service(),
    );
    expect(batch.body.data?.consentDecisions).toEqual([
      { userId: b, granted: false, explicit: false },
      { userId: a, granted: true, explicit: true },
    ]);
    const one = await p.request<{ consentDecision: { granted: boolean } }>('query ($id: ID!) { consentDecision(userId: $id, purpose: NECESSARY) { granted } }', { id: b }, service());
    expect(one.body.data?.consentDecision.granted).toBe(true);
    const asUser = await p.request('query ($id: ID!) { consentDecision(userId: $id, purpose: MARKETING) { granted } }', { id: a }, user(a, p.clock));
    expect(codeOf(asUser.body)).toBe('FORBIDDEN');
  });
});
