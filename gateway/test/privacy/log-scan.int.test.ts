import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@leadgraph/logging';
import { startPlatform, type Platform } from '../platform.ts';
import {
  COMPLETE,
  HIRE,
  POST_LEAD,
  RESPOND,
  SEND_MESSAGE,
  WRITE_REVIEW,
  dataOf,
  leadInput,
  seededPerson,
  signUpThroughGateway,
  verifiedPro,
  type Person,
} from '../marketplace/support.ts';

/**
 * Issue #6, logs: the whole platform (gateway, four subgraphs, mail delivery, scheduler, service
 * calls) logs into one capture at debug level while the marketplace journey and the privacy
 * requests run through the gateway; then every line is searched for every personal value seeded.
 */

const FILE = 'mutation ($input: FileDataSubjectRequestInput!) { fileDataSubjectRequest(input: $input) { id status } }';
const UPDATE = 'mutation ($input: UpdateDataSubjectRequestInput!) { updateDataSubjectRequest(input: $input) { id status } }';
const CONSENT = 'mutation { setConsent(input: { source: BANNER, choices: [{ purpose: ANALYTICS, granted: true }] }) { decided } }';
const PAGE_VIEW = 'mutation ($page: String!) { recordPageView(input: { page: $page }) }';

describe('no personal value in any log line', () => {
  const lines: string[] = [];
  let platform: Platform;
  let values: Record<string, string>;

  beforeAll(async () => {
    const logger = createLogger('platform', { level: 'debug', destination: { write: (line: string) => void lines.push(line) } });
    platform = await startPlatform({ logger, trustProxy: 1 });
    const t = randomBytes(4).toString('hex');
    const admin: Person = await seededPerson(platform, 'admin');
    const pro = await verifiedPro(platform, admin, { businessEmail: `desk.${t}@movers.example.com`, businessPhone: '+44 20 7946 0321' });
    const client = await signUpThroughGateway(platform, 'CLIENT', `Orla Finch ${t}`);
    values = {
      name: `Orla Finch ${t}`,
      email: client.email,
      clientIp: client.browser.ip,
      description: `A harp and two cats named ${t}`,
      contactEmail: `orla.${t}@example.net`,
      contactPhone: '+44 7700 900777',
      street: `${t} Finch Road`,
      message: `The harp is fragile ${t}-msg`,
      review: `Lovely careful people ${t}`,
      page: `/pros/${t}`,
      businessEmail: `desk.${t}@movers.example.com`,
    };
    const lead = dataOf(
      await client.browser.send<{ postLead: { id: string } }>(POST_LEAD, {
        input: leadInput({
          description: values.description,
          location: { countryCode: 'GB', city: 'London', postalCode: 'SW1A 2AA', address: values.street },
          contact: { email: values.contactEmail, phone: values.contactPhone },
        }),
      }),
    ).postLead;
    const responseId = dataOf(
      await pro.browser.send<{ respondToLead: { id: string } }>(RESPOND, { input: { leadId: lead.id, quote: { amount: 50_000, currency: 'GBP' }, message: 'We can help.' } }),
    ).respondToLead.id;
    dataOf(await client.browser.send(SEND_MESSAGE, { input: { responseId, body: values.message } }));
    dataOf(await client.browser.send(HIRE, { id: responseId }));
    dataOf(await pro.browser.send('query ($id: ID!) { lead(id: $id) { contact { email phone address { street city } } } }', { id: lead.id }));
    dataOf(await client.browser.send(COMPLETE, { id: lead.id }));
    dataOf(await client.browser.send(WRITE_REVIEW, { input: { leadId: lead.id, rating: 5, body: values.review } }));
    dataOf(await client.browser.send(CONSENT));
    dataOf(await client.browser.send(PAGE_VIEW, { page: values.page }));
    // A failed sign-in (a security event) and both privacy requests: export, then erasure.
    await client.browser.send('mutation ($e: String!) { signIn(email: $e, password: "wrong password here 1") { user { id } } }', { e: client.email });
    const access = dataOf(await client.browser.send<{ fileDataSubjectRequest: { id: string } }>(FILE, { input: { kind: 'ACCESS' } }));
    dataOf(await admin.browser.send(UPDATE, { input: { id: access.fileDataSubjectRequest.id, status: 'COMPLETED' } }));
    const erasure = dataOf(await client.browser.send<{ fileDataSubjectRequest: { id: string } }>(FILE, { input: { kind: 'ERASURE' } }));
    dataOf(await admin.browser.send(UPDATE, { input: { id: erasure.fileDataSubjectRequest.id, status: 'COMPLETED' } }));
    // Let the outbox, the notification retries and the access-log batches run.
    await new Promise((resolve) => setTimeout(resolve, 1500));
  }, 180_000);

  afterAll(() => platform?.stop());

  it('logged the journey (the capture works), and no line holds any of the personal values', () => {
    expect(lines.length).toBeGreaterThan(50);
    expect(lines.some((line) => line.includes('"service":"users"'))).toBe(true);
    // The erasure ran and logged (ids and counts only): the scan covers what happened after it too.
    expect(lines.some((line) => line.includes('"event":"privacy.erasure"'))).toBe(true);
    const leaks = Object.entries(values).flatMap(([label, value]) =>
      lines.filter((line) => line.toLowerCase().includes(value.toLowerCase())).map((line) => `${label}: ${line.slice(0, 200)}`),
    );
    expect(leaks).toEqual([]);
  });
});
