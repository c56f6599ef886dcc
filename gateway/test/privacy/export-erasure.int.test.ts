import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_IDENTITY_SIGNING_KEY, IDENTITY_HEADER, serviceIdentity, signAssertion } from '@leadgraph/identity';
import { readArchiveFiles } from '@leadgraph/privacy-kit';
import { graphql } from '@leadgraph/testing';
import { PASSWORD, SIGN_IN, browser } from '../journeys.ts';
import { TEST_PASSWORD } from '../sign-in.ts';
import { startPlatform, type Platform } from '../platform.ts';
import {
  COMPLETE,
  HIRE,
  POST_LEAD,
  RESPOND,
  SEND_MESSAGE,
  THREAD,
  WRITE_REVIEW,
  dataOf,
  database,
  leadInput,
  seededPerson,
  signUpThroughGateway,
  verifiedPro,
  type Person,
} from '../marketplace/support.ts';

/**
 * Issue #6 (export) and #7 (data-subject requests) end to end through the gateway: a client with
 * data in all four subgraphs asks for a copy of their data (ACCESS: one federated query generated
 * from the supergraph, a zip behind an expiring link) and then for its erasure (ERASURE: every
 * subgraph erases its part, then a verification export and scan find none of the former values).
 */

const FILE = 'mutation ($input: FileDataSubjectRequestInput!) { fileDataSubjectRequest(input: $input) { id status } }';
const UPDATE = `mutation ($input: UpdateDataSubjectRequestInput!) { updateDataSubjectRequest(input: $input) {
  id status reason
  erasure { subgraphs { subgraph collections { collection deleted anonymized held } heldUntil }
    verification { valuesSearched valuesHeld exportHits exportErrors scanHits { subgraph collection path count } clean } }
} }`;
const REQUEST = 'query ($id: ID!) { dataSubjectRequest(id: $id) { id status export { downloadToken expiresAt } } }';
const DOWNLOAD = 'query ($token: String!) { dataExport(token: $token) { json archiveBase64 contentType fileName } }';
const CONSENT = 'mutation { setConsent(input: { source: BANNER, choices: [{ purpose: ANALYTICS, granted: true }] }) { decided } }';
const PAGE_VIEW = 'mutation ($page: String!) { recordPageView(input: { page: $page, referrer: "https://referrer.example.org/x" }) }';
const SCAN = 'query ($input: ScanForValuesInput!) { scanForValues(input: $input) { collection path count } }';

interface Erasure {
  subgraphs: Array<{ subgraph: string; collections: Array<{ collection: string; deleted: number; anonymized: number; held: number }>; heldUntil: string | null }>;
  verification: { valuesSearched: number; valuesHeld: number; exportHits: number; exportErrors: number; scanHits: unknown[]; clean: boolean } | null;
}

const token = () => randomBytes(4).toString('hex');

describe('data export and erasure of a data subject through the gateway', () => {
  let platform: Platform;
  let admin: Person;
  let pro: Person;
  let client: Person;
  let responseId: string;
  /** Every personal value seeded for the client, in every subgraph. */
  let mine: Record<string, string>;
  /** The other party's values: never part of the client's export. */
  let theirs: Record<string, string>;
  /** Held by law after an erasure (DataSubjectRequest.details, LEGAL_HOLD P3Y). */
  let held: string;

  beforeAll(async () => {
    // Each browser comes from its own address (X-Forwarded-For, one trusted proxy): the client's IP in its
    // security events is then its own value, not one it shares with every other test account.
    platform = await startPlatform({ trustProxy: 1 });
    admin = await seededPerson(platform, 'admin');
    const t = token();
    theirs = {
      proMessage: `Happy to help, bring the keys ${t}-pro`,
      proResponse: `We can do it on the 3rd ${t}-quote`,
      businessEmail: `office.${t}@fairweather.example.com`,
    };
    pro = await verifiedPro(platform, admin, { businessEmail: theirs.businessEmail });
    client = await signUpThroughGateway(platform, 'CLIENT', `Zelda Quill ${t}`);
    mine = {
      name: `Zelda Quill ${t}`,
      email: client.email,
      description: `Two bedrooms and a grand piano named Wilbur ${t}`,
      contactEmail: `zelda.${t}@example.net`,
      contactPhone: '+44 7700 900456',
      street: `${t} Quill Lane`,
      city: `Westminster ${t}`,
      detail: `third floor ${t}`,
      clientMessage: `The piano is fragile ${t}-client`,
      review: `Wilbur arrived in one piece, thank you ${t}`,
      page: `/pros/${t}`,
    };
    held = `Please send me everything ${t}`;

    // leads: a lead with contact details, a response, both sides of a thread, hired and completed.
    const lead = dataOf(
      await client.browser.send<{ postLead: { id: string } }>(POST_LEAD, {
        input: leadInput({
          description: mine.description,
          location: { countryCode: 'GB', city: mine.city, postalCode: 'SW1A 2AA', address: mine.street },
          details: [{ key: 'floor', value: mine.detail }],
          contact: { email: mine.contactEmail, phone: mine.contactPhone },
        }),
      }),
    ).postLead;
    responseId = dataOf(
      await pro.browser.send<{ respondToLead: { id: string } }>(RESPOND, { input: { leadId: lead.id, quote: { amount: 70_000, currency: 'GBP' }, message: theirs.proResponse } }),
    ).respondToLead.id;
    dataOf(await client.browser.send(SEND_MESSAGE, { input: { responseId, body: mine.clientMessage } }));
    dataOf(await pro.browser.send(SEND_MESSAGE, { input: { responseId, body: theirs.proMessage } }));
    dataOf(await client.browser.send(HIRE, { id: responseId }));
    dataOf(await client.browser.send(COMPLETE, { id: lead.id }));
    // reviews: the client reviews the pro.
    dataOf(await client.browser.send(WRITE_REVIEW, { input: { leadId: lead.id, rating: 5, body: mine.review } }));
    // privacy: consent and a page view (technical data, with consent).
    dataOf(await client.browser.send(CONSENT));
    dataOf(await client.browser.send(PAGE_VIEW, { page: mine.page }));
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
  });

  it('ACCESS: the archive holds every seeded personal value of the client and nothing of the other party', async () => {
    const filed = dataOf(await client.browser.send<{ fileDataSubjectRequest: { id: string; status: string } }>(FILE, { input: { kind: 'ACCESS', details: held } }));
    expect(filed.fileDataSubjectRequest.status).toBe('IN_PROGRESS');
    const completed = dataOf(await admin.browser.send<{ updateDataSubjectRequest: { status: string } }>(UPDATE, { input: { id: filed.fileDataSubjectRequest.id, status: 'COMPLETED' } }));
    expect(completed.updateDataSubjectRequest.status).toBe('COMPLETED');

    const request = dataOf(await client.browser.send<{ dataSubjectRequest: { export: { downloadToken: string } } }>(REQUEST, { id: filed.fileDataSubjectRequest.id }));
    const download = dataOf(
      await client.browser.send<{ dataExport: { json: string; archiveBase64: string; contentType: string; fileName: string } }>(DOWNLOAD, {
        token: request.dataSubjectRequest.export.downloadToken,
      }),
    ).dataExport;
    expect(download.contentType).toBe('application/zip');
    expect(download.fileName).toMatch(/^leadgraph-export-\d{4}-\d{2}-\d{2}\.zip$/);

    const files = readArchiveFiles(Buffer.from(download.archiveBase64, 'base64'));
    const json = files['data.json']!;
    expect(json).toBe(download.json);
    const subject = JSON.parse(json).data.dataSubject;
    expect(subject.id).toBe(client.id);
    // One query over the four subgraphs: the account, the lead, the thread, the review, privacy records.
    expect(subject.account).toMatchObject({ id: client.id, name: mine.name, email: mine.email });
    expect(subject.leadsPosted).toHaveLength(1);
    expect(subject.leadsPosted[0].contact).toMatchObject({ email: mine.contactEmail, phone: mine.contactPhone, address: { street: mine.street } });
    expect(subject.messagesSent.map((m: { body: string }) => m.body)).toEqual([mine.clientMessage]);
    expect(subject.reviewsWritten.map((r: { body: string }) => r.body)).toEqual([mine.review]);
    expect(subject.pageViews.map((v: { page: string }) => v.page)).toEqual([mine.page]);
    expect(subject.consentHistory.some((c: { purpose: string; granted: boolean }) => c.purpose === 'ANALYTICS' && c.granted)).toBe(true);
    expect(subject.dataSubjectRequests.map((r: { details: string }) => r.details)).toEqual([held]);

    for (const [what, value] of Object.entries(mine)) expect(json, what).toContain(JSON.stringify(value).slice(1, -1));
    for (const [what, value] of Object.entries(theirs)) expect(json, what).not.toContain(value);

    // CSV per type and the readable summary, with the processors register.
    expect(files['csv/Message.csv']).toContain(mine.clientMessage);
    expect(files['csv/Lead.csv']).toContain(mine.description);
    const summary = files['summary.html']!;
    for (const text of ['LeadContact.email', 'Message.body', 'Legal basis', 'How long we keep it', 'Service providers', 'We do not sell your personal data']) {
      expect(summary).toContain(text);
    }
  }, 60_000);

  it('ERASURE: every subgraph erases its part, the verification finds no former value, the other party keeps its messages', async () => {
    const filed = dataOf(await client.browser.send<{ fileDataSubjectRequest: { id: string; status: string } }>(FILE, { input: { kind: 'ERASURE' } }));
    expect(filed.fileDataSubjectRequest.status).toBe('IN_PROGRESS');
    const completed = dataOf(
      await admin.browser.send<{ updateDataSubjectRequest: { status: string; erasure: Erasure } }>(UPDATE, { input: { id: filed.fileDataSubjectRequest.id, status: 'COMPLETED' } }),
    ).updateDataSubjectRequest;
    expect(completed.status).toBe('COMPLETED');
    expect(completed.erasure.subgraphs.map((s) => s.subgraph)).toEqual(['users', 'leads', 'reviews', 'privacy']);
    expect(completed.erasure.subgraphs.every((s) => s.collections.length > 0)).toBe(true);
    expect(completed.erasure.verification).toMatchObject({ exportHits: 0, exportErrors: 0, scanHits: [], clean: true });
    expect(completed.erasure.verification!.valuesSearched).toBeGreaterThanOrEqual(Object.keys(mine).length);
    expect(completed.erasure.verification!.valuesHeld).toBeGreaterThanOrEqual(1);

    // Every subgraph's own scan, asked directly with a service identity: none of the values.
    const service = { [IDENTITY_HEADER]: signAssertion(serviceIdentity('privacy'), DEV_IDENTITY_SIGNING_KEY) };
    for (const [name, url] of Object.entries(platform.subgraphUrls)) {
      const scan = await graphql<{ scanForValues: unknown[] }>(url, SCAN, { input: { values: Object.values(mine) } }, service);
      expect(scan.body.errors, name).toBeUndefined();
      expect(scan.body.data?.scanForValues, name).toEqual([]);
    }

    // The pro still reads the thread: their own message intact, the client's anonymized.
    const thread = dataOf(await pro.browser.send<{ response: { messages: { edges: Array<{ node: { body: string; sender: { id: string } } }> } } }>(THREAD, { id: responseId }));
    const bodies = thread.response.messages.edges.map((edge) => edge.node.body);
    expect(bodies).toContain(theirs.proMessage);
    expect(bodies).not.toContain(mine.clientMessage);

    // The erased account cannot sign in.
    const again = await browser(platform).send(SIGN_IN, { email: mine.email, password: PASSWORD });
    expect(again.errors?.[0]?.extensions?.code).toBe('INVALID_CREDENTIALS');
  }, 120_000);

  it('a minor flagged by an admin is erased the same way, without a sign-in of theirs, and can no longer sign in', async () => {
    const minor = await signUpThroughGateway(platform, 'CLIENT', `Young Person ${token()}`);
    dataOf(await minor.browser.send(POST_LEAD, { input: leadInput({ description: `School trip with my class ${token()}` }) }));
    const flagged = dataOf(
      await admin.browser.send<{ flagMinor: { erasureRequest: { id: string; status: string } } }>(
        'mutation ($userId: ID!, $reason: String!) { flagMinor(userId: $userId, reason: $reason) { erasureRequest { id status } } }',
        { userId: minor.id, reason: 'Says they are 15 in a message' },
      ),
    ).flagMinor.erasureRequest;
    expect(flagged.status).toBe('IN_PROGRESS');
    const completed = dataOf(
      await admin.browser.send<{ updateDataSubjectRequest: { status: string; erasure: Erasure } }>(UPDATE, { input: { id: flagged.id, status: 'COMPLETED' } }),
    ).updateDataSubjectRequest;
    expect(completed.status).toBe('COMPLETED');
    expect(completed.erasure.subgraphs.map((s) => s.subgraph)).toEqual(['users', 'leads', 'reviews', 'privacy']);
    expect(completed.erasure.verification!.exportHits).toBe(0);
    const again = await browser(platform).send(SIGN_IN, { email: minor.email, password: PASSWORD });
    expect(again.errors?.[0]?.extensions?.code).toBe('INVALID_CREDENTIALS');
  }, 120_000);

  it('LEGAL_HOLD: an erased pro keeps only the held bookkeeping of a payout, excluded from the scan', async () => {
    const t = token();
    const payee = await verifiedPro(platform, admin);
    const holder = `Morag Holder ${t}`;
    dataOf(
      await payee.browser.send(
        'mutation ($input: PayoutAccountInput!, $password: String!) { setMyPayoutAccount(input: $input, password: $password) { proId } }',
        { input: { holderName: holder, iban: 'GB82WEST12345698765432', billingAddress: { line1: `${t} Harbour Street`, city: 'Leith', postalCode: 'EH6 6LU', countryCode: 'GB' } }, password: TEST_PASSWORD },
      ),
    );
    const reference = `payout-ref-${t}`;
    dataOf(await admin.browser.send('mutation ($input: RecordPayoutInput!) { recordPayout(input: $input) { id } }', { input: { proId: payee.id, amount: 123_45, currency: 'GBP', paidOn: '2026-10-01', reference } }));

    const filed = dataOf(await payee.browser.send<{ fileDataSubjectRequest: { id: string } }>(FILE, { input: { kind: 'ERASURE' } }));
    const completed = dataOf(
      await admin.browser.send<{ updateDataSubjectRequest: { status: string; erasure: Erasure } }>(UPDATE, { input: { id: filed.fileDataSubjectRequest.id, status: 'COMPLETED' } }),
    ).updateDataSubjectRequest;
    expect(completed.status).toBe('COMPLETED');
    const users = completed.erasure.subgraphs.find((s) => s.subgraph === 'users')!;
    expect(users.heldUntil).not.toBeNull();
    expect(users.collections.some((c) => c.collection === 'payouts' && c.held > 0)).toBe(true);
    expect(completed.erasure.verification!.valuesHeld).toBeGreaterThanOrEqual(1);
    expect(completed.erasure.verification!.exportHits).toBe(0);

    // Only what the law keeps is left of the payout (amount, currency, date, the snapshot of the account
    // paid to); the reference is gone, and so is the payout account itself.
    const db = await database(platform, 'users');
    try {
      const payouts = await db.collection('payouts').find({}).toArray();
      const kept = payouts.find((p) => String(p.proId) === payee.id)!;
      expect(kept).toMatchObject({ amount: 123_45, currency: 'GBP', paidOn: '2026-10-01', account: { holderName: holder } });
      expect(kept.heldUntil).toBeInstanceOf(Date);
      expect(JSON.stringify(kept)).not.toContain(reference);
      expect(await db.collection('payout_accounts').countDocuments({ proId: kept.proId })).toBe(0);
    } finally {
      await db.close();
    }
  }, 120_000);
});
