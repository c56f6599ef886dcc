import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MongoHandle } from '@leadgraph/db';
import { createLogger } from '@leadgraph/logging';
import type { MailCatcher } from '@leadgraph/mail';
import { startTestDatabase } from '@leadgraph/testing';
import { createUser, fakeProProfile } from '../src/seed/index.ts';
import { as, asService, codes, startMarketplace } from './marketplace.ts';
import { FILE_REQUEST, startWithPrivacy } from './with-privacy.ts';

let mongo: MongoHandle;
beforeAll(async () => {
  mongo = await startTestDatabase();
});
afterAll(() => mongo.stop());

const SEND = `mutation ($input: SendMarketingMessageInput!) {
  sendMarketingMessage(input: $input) { id subject createdBy matched queued skipped { reason count } segment { roles categories serviceAreas { countryCode postalPrefix } } }
}`;
const UNSUBSCRIBE = `mutation ($token: String!) { unsubscribe(token: $token) }`;
const SET_CONSENT = `mutation ($granted: Boolean!) { setConsent(input: { choices: [{ purpose: MARKETING, granted: $granted }], source: SETTINGS }) { decided } }`;
const MY_CONSENT = `query { myConsent { purposes { purpose granted } } myConsentHistory(first: 20) { edges { node { purpose granted action source } } } }`;
type Campaign = { sendMarketingMessage: { id: string; matched: number; queued: number; skipped: Array<{ reason: string; count: number }> } };
type Consent = { myConsent: { purposes: Array<{ purpose: string; granted: boolean }> }; myConsentHistory: { edges: Array<{ node: { purpose: string; granted: boolean; action: string; source: string } }> } };

const SEGMENT = { roles: ['PRO'], categories: ['MOVING'], serviceAreas: [{ countryCode: 'gb', postalPrefix: 'sw' }] };
const MESSAGE = { subject: 'Spring offers for movers', body: 'Lower fees this spring.\n\nSee what is new.', segment: SEGMENT };

/** The marketing mails received so far, once `count` arrived (waits up to ~5 s), then a little longer for any extra one. */
async function marketingMails(catcher: MailCatcher, count: number) {
  const mine = () => catcher.messages().filter((m) => m.subject === MESSAGE.subject);
  for (let i = 0; i < 100 && mine().length < count; i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
  await new Promise((resolve) => setTimeout(resolve, 300));
  return mine();
}

const marketingConsent = (res: { body: { data?: Consent } }) => res.body.data?.myConsent.purposes.find((p) => p.purpose === 'MARKETING')?.granted;

describe('sendMarketingMessage', () => {
  it('mails only the consenting, unrestricted people of the segment, with a one-click unsubscribe link that withdraws consent in the privacy subgraph', async () => {
    const lines: string[] = [];
    const logger = createLogger('users-test', { level: 'debug', destination: { write: (line: string) => void lines.push(line) } });
    const { users, privacy } = await startWithPrivacy(mongo, { appUrl: 'https://app.test', logger });
    const pro = (email: string, categories: Array<'MOVING' | 'CLEANING'>, serviceAreas: Array<{ countryCode: string; postalPrefix: string }>, extra = {}) =>
      createUser(users.db, { role: 'pro', email, proProfile: fakeProProfile({ status: 'VERIFIED', categories, serviceAreas }), ...extra });
    const people = {
      consenting: await pro('ann.consenting@example.com', ['MOVING'], [{ countryCode: 'GB', postalPrefix: 'SW1' }]),
      restricted: await pro('bob.restricted@example.com', ['MOVING'], [{ countryCode: 'GB', postalPrefix: '' }]),
      silent: await pro('cat.silent@example.com', ['MOVING', 'CLEANING'], [{ countryCode: 'GB', postalPrefix: 'SW1A' }]),
      withdrawn: await pro('dan.withdrawn@example.com', ['MOVING'], [{ countryCode: 'GB', postalPrefix: 'SW' }]),
      otherCategory: await pro('eve.cleaning@example.com', ['CLEANING'], [{ countryCode: 'GB', postalPrefix: 'SW1' }]),
      otherArea: await pro('fay.paris@example.com', ['MOVING'], [{ countryCode: 'FR', postalPrefix: '75' }]),
      otherPrefix: await pro('gus.manchester@example.com', ['MOVING'], [{ countryCode: 'GB', postalPrefix: 'M1' }]),
      closed: await pro('hal.closed@example.com', ['MOVING'], [{ countryCode: 'GB', postalPrefix: 'SW1' }], { disabledAt: new Date() }),
      client: await createUser(users.db, { role: 'client', email: 'ivy.client@example.com' }),
    };
    const id = (key: keyof typeof people) => people[key]._id.toHexString();
    const headersOf = (key: keyof typeof people) => as(key === 'client' ? 'client' : 'pro', id(key));
    for (const key of ['consenting', 'restricted', 'withdrawn', 'otherCategory', 'otherArea', 'otherPrefix', 'closed', 'client'] as const) {
      expect((await privacy.call(SET_CONSENT, { granted: true }, headersOf(key))).body.errors).toBeUndefined();
    }
    expect((await privacy.call(SET_CONSENT, { granted: false }, headersOf('withdrawn'))).body.errors).toBeUndefined();
    expect((await privacy.call(FILE_REQUEST, { input: { kind: 'RESTRICTION' } }, headersOf('restricted'))).body.errors).toBeUndefined();

    const adminId = '6740a1b2c3d4e5f6a7b8c9d0';
    const sent = await users.call<Campaign>(SEND, { input: MESSAGE }, as('admin', adminId));
    expect(sent.body.errors).toBeUndefined();
    expect(sent.body.data?.sendMarketingMessage).toMatchObject({
      createdBy: adminId,
      matched: 4,
      queued: 1,
      skipped: [
        { reason: 'NO_CONSENT', count: 2 },
        { reason: 'RESTRICTED', count: 1 },
      ],
      segment: { roles: ['PRO'], categories: ['MOVING'], serviceAreas: [{ countryCode: 'GB', postalPrefix: 'SW' }] },
    });

    const mails = await marketingMails(users.catcher, 1);
    expect(mails.map((m) => m.envelope.to)).toEqual([['ann.consenting@example.com']]);
    const [mail] = mails;
    const header = mail!.headers['list-unsubscribe'];
    expect(header).toMatch(/^<https:\/\/app\.test\/unsubscribe\/[0-9a-f]{24}\.[A-Za-z0-9_-]{22}>$/);
    expect(mail!.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    const link = header!.slice(1, -1);
    expect(mail!.text).toContain(`Unsubscribe from marketing emails: ${link}`);
    expect(mail!.html).toContain(`href="${link}"`);
    expect(mail!.text).toContain('It is not a service message');

    // The campaign record and the logs: counts and ids, never a recipient.
    const campaigns = await users.db.collection('marketing_campaigns').find({}).toArray();
    expect(campaigns).toHaveLength(1);
    expect(campaigns[0]).toMatchObject({ status: 'QUEUED', counts: { matched: 4, queued: 1, noConsent: 2, restricted: 1 } });
    const stored = JSON.stringify(campaigns);
    const log = lines.join('\n');
    expect(log).toContain('marketing.queued');
    for (const person of Object.values(people)) {
      expect(stored).not.toContain(person.email);
      expect(log).not.toContain(person.email);
    }

    // GET shows a confirmation page and changes nothing (link scanners fetch links).
    const token = decodeURIComponent(link.split('/unsubscribe/')[1]!);
    const page = await fetch(`${users.base}/unsubscribe/${encodeURIComponent(token)}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(await page.text()).toContain('<form method="post">');
    expect(marketingConsent(await privacy.call<Consent>(MY_CONSENT, {}, headersOf('consenting')))).toBe(true);

    // Following the link (the public mutation, no sign-in) withdraws consent, recorded like any change.
    expect((await users.call(UNSUBSCRIBE, { token })).body).toEqual({ data: { unsubscribe: true } });
    const after = await privacy.call<Consent>(MY_CONSENT, {}, headersOf('consenting'));
    expect(marketingConsent(after)).toBe(false);
    expect(after.body.data?.myConsentHistory.edges[0]?.node).toEqual({ purpose: 'MARKETING', granted: false, action: 'WITHDRAWN', source: 'EMAIL_LINK' });
    // Twice is fine and records nothing more.
    expect((await users.call(UNSUBSCRIBE, { token })).body).toEqual({ data: { unsubscribe: true } });
    const again = await privacy.call<Consent>(MY_CONSENT, {}, headersOf('consenting'));
    expect(again.body.data?.myConsentHistory.edges.length).toBe(after.body.data?.myConsentHistory.edges.length);

    // The next campaign leaves them out.
    const next = await users.call<Campaign>(SEND, { input: MESSAGE }, as('admin', adminId));
    expect(next.body.data?.sendMarketingMessage).toMatchObject({ matched: 4, queued: 0, skipped: [{ reason: 'NO_CONSENT', count: 3 }, { reason: 'RESTRICTED', count: 1 }] });
    expect(await marketingMails(users.catcher, 1)).toHaveLength(1);

    // Admins list the campaigns, newest first, with their counts.
    const LIST = `query { marketingCampaigns(first: 10) { edges { node { id queued createdBy } } pageInfo { hasNextPage } } }`;
    const listed = await users.call<{ marketingCampaigns: { edges: Array<{ node: { id: string; queued: number } }> } }>(LIST, {}, as('admin'));
    expect(listed.body.data?.marketingCampaigns.edges.map((e) => [e.node.id, e.node.queued])).toEqual([
      [next.body.data?.sendMarketingMessage.id, 0],
      [sent.body.data?.sendMarketingMessage.id, 1],
    ]);
    expect(codes(await users.call(LIST, {}, as('pro')))).toEqual(['FORBIDDEN']);
  });

  it('one-click POST to the link unsubscribes (RFC 8058), through the real route handler and privacy subgraph', async () => {
    const { users, privacy } = await startWithPrivacy(mongo, { appUrl: 'https://app.test' });
    const person = await createUser(users.db, { role: 'client', email: 'jo.oneclick@example.com' });
    const personId = person._id.toHexString();
    expect((await privacy.call(SET_CONSENT, { granted: true }, as('client', personId))).body.errors).toBeUndefined();
    const sent = await users.call<Campaign>(SEND, { input: { ...MESSAGE, segment: { roles: ['CLIENT'] } } }, as('admin'));
    expect(sent.body.data?.sendMarketingMessage).toMatchObject({ matched: 1, queued: 1 });
    const [mail] = await marketingMails(users.catcher, 1);
    const link = mail!.headers['list-unsubscribe']!.slice(1, -1);

    // The subgraph's own port serves the route (the gateway relays it: gateway/test/relay.int.test.ts).
    const path = new URL(link).pathname;
    const form = { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } };
    const forged = await fetch(`${users.base}${path}x`, form);
    expect(forged.status).toBe(400);
    const oneClick = await fetch(`${users.base}${path}`, form);
    expect(oneClick.status).toBe(200);
    expect(await oneClick.text()).toContain('You are unsubscribed');
    const consent = await privacy.call<Consent>(MY_CONSENT, {}, as('client', personId));
    expect(marketingConsent(consent)).toBe(false);
    expect(consent.body.data?.myConsentHistory.edges[0]?.node).toEqual({ purpose: 'MARKETING', granted: false, action: 'WITHDRAWN', source: 'EMAIL_LINK' });
  });

  it('unsubscribing drops the marketing mails still waiting in the outbox for that person', async () => {
    // A slow outbox: the campaign's mails stay pending while the person unsubscribes.
    const { users, privacy } = await startWithPrivacy(mongo, { appUrl: 'https://app.test', mailIntervalMs: 60_000 });
    const [stays, leaves] = await Promise.all(['kim.stays@example.com', 'lou.leaves@example.com'].map((email) => createUser(users.db, { role: 'client', email })));
    for (const person of [stays!, leaves!]) expect((await privacy.call(SET_CONSENT, { granted: true }, as('client', person._id.toHexString()))).body.errors).toBeUndefined();
    const sent = await users.call<Campaign>(SEND, { input: { ...MESSAGE, segment: { roles: ['CLIENT'] } } }, as('admin'));
    expect(sent.body.data?.sendMarketingMessage).toMatchObject({ matched: 2, queued: 2 });
    const outbox = users.db.collection('mail_outbox');
    const pending = await outbox.find({ template: 'marketing', status: 'pending' }).toArray();
    expect(pending.map((m) => m.to).sort()).toEqual(['kim.stays@example.com', 'lou.leaves@example.com']);
    const header = (pending.find((m) => m.to === 'lou.leaves@example.com')!.headers as Record<string, string>)['List-Unsubscribe']!;
    const token = decodeURIComponent(header.slice(1, -1).split('/unsubscribe/')[1]!);
    expect((await users.call(UNSUBSCRIBE, { token })).body).toEqual({ data: { unsubscribe: true } });
    expect((await outbox.find({ template: 'marketing' }).toArray()).map((m) => m.to)).toEqual(['kim.stays@example.com']);
  });

  it('is for admins only; refuses bad segments and forged tokens; fails closed when privacy is down', async () => {
    const { users, privacy } = await startWithPrivacy(mongo);
    for (const role of ['client', 'pro'] as const) expect(codes(await users.call(SEND, { input: MESSAGE }, as(role)))).toEqual(['FORBIDDEN']);
    const bad = await users.call(SEND, { input: { ...MESSAGE, segment: { roles: ['CLIENT'], categories: ['MOVING'] } } }, as('admin'));
    expect(bad.body.errors?.map((e) => e.extensions)).toEqual([expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'input.segment.categories' })]);
    const empty = await users.call(SEND, { input: { ...MESSAGE, subject: ' ' } }, as('admin'));
    expect(empty.body.errors?.map((e) => e.extensions?.field)).toEqual(['input.subject']);
    expect(await users.db.collection('marketing_campaigns').countDocuments({})).toBe(0);
    // The privacy side: EMAIL_LINK is not a source a person can claim, and withdrawConsent is for services only.
    const claimed = await privacy.call(`mutation { setConsent(input: { choices: [{ purpose: MARKETING, granted: false }], source: EMAIL_LINK }) { decided } }`, {}, as('client'));
    expect(codes(claimed)).toEqual(['BAD_USER_INPUT']);
    const WITHDRAW = `mutation ($input: WithdrawConsentInput!) { withdrawConsent(input: $input) { granted } }`;
    const asUser = await privacy.call(WITHDRAW, { input: { userId: '6740a1b2c3d4e5f6a7b8c9d0', purpose: 'MARKETING', source: 'EMAIL_LINK' } }, as('client', '6740a1b2c3d4e5f6a7b8c9d0'));
    expect(codes(asUser)).toEqual(['FORBIDDEN']);
    const necessary = await privacy.call(WITHDRAW, { input: { userId: '6740a1b2c3d4e5f6a7b8c9d0', purpose: 'NECESSARY', source: 'EMAIL_LINK' } }, asService('users'));
    expect(necessary.body.errors?.map((e) => [e.extensions?.code, e.extensions?.reason])).toEqual([['BAD_USER_INPUT', 'NECESSARY_CANNOT_BE_REFUSED']]);

    const forged = await users.call(UNSUBSCRIBE, { token: '6740a1b2c3d4e5f6a7b8c9d0.AAAAAAAAAAAAAAAAAAAAAA' });
    expect(forged.body.errors?.map((e) => e.extensions?.reason)).toEqual(['INVALID_UNSUBSCRIBE_TOKEN']);

    const down = await startMarketplace(mongo, { peerUrl: () => 'http://127.0.0.1:1/graphql' });
    await createUser(down.db, { role: 'client' });
    expect(codes(await down.call(SEND, { input: { ...MESSAGE, segment: { roles: ['CLIENT'] } } }, as('admin')))).toEqual(['SERVICE_UNAVAILABLE']);
    expect(await down.db.collection('mail_outbox').countDocuments({ template: 'marketing' })).toBe(0);
  });
});
