import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, clientFor } from './client.ts';
import { CookieJar } from './cookie-jar.ts';
import { startPlatform, type Platform } from './platform.ts';
import { signedInAs, TEST_PASSWORD } from './sign-in.ts';

// The privacy program through the gateway: the anonymous visitor cookie
// (`lg_vid`), the Sec-GPC signal, and consent given before sign-in merged into the account.
let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(() => platform?.stop());

const MY = '{ myConsent { decided gpcSignal purposes { purpose granted } consentMode { analyticsStorage adStorage } } }';
const SET = 'mutation ($input: SetConsentInput!) { setConsent(input: $input) { decided } }';
const HISTORY = '{ myConsentHistory { edges { node { purpose granted gpcSignal fromGpc mergedFromVisitor } } } }';
const VIEW = 'mutation { recordPageView(input: { page: "/pros" }) }';
const SIGN_IN = 'mutation ($email: String!, $password: String!) { signIn(email: $email, password: $password) { user { id } } }';
const SIGN_IN_AND_CHOOSE = `mutation ($email: String!, $password: String!) {
  signIn(email: $email, password: $password) { user { id } }
  setConsent(input: { source: BANNER, choices: [{ purpose: PREFERENCES, granted: true }] }) { decided } }`;

const FILE = 'mutation { fileDataSubjectRequest(input: { kind: ACCESS }) { id status history { to notification } } }';
const ONE = 'query ($id: ID!) { dataSubjectRequest(id: $id) { id } }';

type My = { myConsent: { decided: boolean; gpcSignal: boolean; purposes: Array<{ purpose: string; granted: boolean }>; consentMode: Record<string, string> } };
type History = { myConsentHistory: { edges: Array<{ node: Record<string, unknown> }> } };

describe('visitor consent through the gateway', () => {
  it('sets lg_vid once (HttpOnly, SameSite=Lax, not Secure in dev) and keeps it', async () => {
    const jar = new CookieJar();
    const send = clientFor(platform.graphqlUrl, jar);
    const first = await send<My>(MY);
    expect(first.data?.myConsent.decided).toBe(false);
    const cookie = jar.get('lg_vid');
    expect(cookie?.value).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(cookie?.attributes).toMatchObject({ httponly: '', samesite: 'Lax', path: '/' });
    expect(cookie?.attributes.secure).toBeUndefined();
    await send(MY);
    expect(jar.received).toHaveLength(1);
  });

  it('records an anonymous choice under the visitor id, with the GPC signal, and refuses analytics without consent', async () => {
    const jar = new CookieJar();
    const send = clientFor(platform.graphqlUrl, jar);
    const gpc = { 'sec-gpc': '1' };
    expect(codeOf(await send(VIEW, undefined, gpc))).toBe('CONSENT_REQUIRED');
    await send(SET, { input: { source: 'BANNER', choices: [{ purpose: 'PREFERENCES', granted: true }] } }, gpc);
    const mine = await send<My>(MY, undefined, gpc);
    expect(mine.data?.myConsent).toMatchObject({ decided: true, gpcSignal: true, consentMode: { analyticsStorage: 'DENIED', adStorage: 'DENIED' } });
    const history = await send<History>(HISTORY);
    expect(history.data?.myConsentHistory.edges.map((e) => [e.node.purpose, e.node.fromGpc]).sort()).toEqual([
      ['ANALYTICS', true],
      ['MARKETING', true],
      ['PREFERENCES', false],
    ]);
    // Another browser (no cookie) sees none of it.
    expect((await clientFor(platform.graphqlUrl, new CookieJar())<My>(MY)).data?.myConsent.decided).toBe(false);
  });

  it('sets no cookie for operations that do not touch consent', async () => {
    const jar = new CookieJar();
    const answer = await clientFor(platform.graphqlUrl, jar)('{ privacyService { health } }');
    expect(answer.headers.get('set-cookie')).toBeNull();
    expect(jar.received).toEqual([]);
  });

  it('merges the visitor consent into the account after sign-in; one response can carry both cookies', async () => {
    const { email } = await signedInAs(platform, 'client');
    const jar = new CookieJar();
    const send = clientFor(platform.graphqlUrl, jar);
    // Sign-in and a consent choice in one operation: the session cookie and lg_vid in one response.
    const both = await send(SIGN_IN_AND_CHOOSE, { email, password: TEST_PASSWORD });
    expect(both.errors).toBeUndefined();
    expect(jar.get('lg_vid')).toBeDefined();
    expect(jar.get('sid')).toBeDefined();

    const anonymous = new CookieJar();
    const browse = clientFor(platform.graphqlUrl, anonymous);
    await browse(SET, { input: { source: 'BANNER', choices: [{ purpose: 'ANALYTICS', granted: true }] } });
    expect((await browse(VIEW)).data).toEqual({ recordPageView: true });
    await browse(SIGN_IN, { email, password: TEST_PASSWORD });
    const mine = await browse<My>(MY);
    expect(mine.data?.myConsent.purposes.find((p) => p.purpose === 'ANALYTICS')?.granted).toBe(true);
    const history = await browse<History>(HISTORY);
    expect(history.data?.myConsentHistory.edges.map((e) => [e.node.purpose, e.node.mergedFromVisitor])).toEqual([['ANALYTICS', true]]);
  });
});

describe('data-subject requests through the gateway', () => {
  it('the requester is mailed at each step through the users subgraph (C2); another user gets NOT_FOUND', async () => {
    const { jar } = await signedInAs(platform, 'client');
    const send = clientFor(platform.graphqlUrl, jar);
    type Filed = { fileDataSubjectRequest: { id: string; status: string; history: Array<{ to: string; notification: string }> } };
    const filed = await send<Filed>(FILE);
    expect(filed.errors).toBeUndefined();
    const request = filed.data!.fileDataSubjectRequest;
    // Just signed in: the identity counts as verified at once.
    expect(request.status).toBe('IN_PROGRESS');
    expect(request.history).toEqual([
      { to: 'RECEIVED', notification: 'QUEUED' },
      { to: 'VERIFYING', notification: 'QUEUED' },
      { to: 'IN_PROGRESS', notification: 'QUEUED' },
    ]);
    // Real SMTP delivery by the users subgraph's outbox: wait for the three mails (up to ~5 s).
    const link = `http://localhost:4000/privacy/requests/${request.id}`;
    const requestMails = () => platform.mail.messages().filter((m) => m.text.includes(link));
    for (let attempt = 0; attempt < 100 && requestMails().length < 3; attempt += 1) await new Promise((resolve) => setTimeout(resolve, 50));
    const mails = requestMails();
    expect(mails).toHaveLength(3);
    expect(mails.map((m) => /Status: ([A-Z_]+)/.exec(m.text)?.[1]).sort()).toEqual(['IN_PROGRESS', 'RECEIVED', 'VERIFYING']);

    const other = await signedInAs(platform, 'pro');
    const answer = await clientFor(platform.graphqlUrl, other.jar)(ONE, { id: request.id });
    expect(codeOf(answer)).toBe('NOT_FOUND');
    expect(answer.data).toEqual({ dataSubjectRequest: null });
  });
});
