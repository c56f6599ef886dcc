import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MongoHandle } from '@leadgraph/db';
import { graphql, startTestDatabase } from '@leadgraph/testing';
import { POST_LEAD, caller, clientAccount, inDays, leadInput, queuedMails, setupLeads } from './support.ts';

let mongo: MongoHandle;
beforeAll(async () => {
  mongo = await startTestDatabase();
});
afterAll(() => mongo.stop());

const fixed = (startDate: string, endDate: string) => ({ fixed: { startDate, endDate } });
const location = (patch: Record<string, unknown>) => ({ ...leadInput().location, ...patch });
const budget = (patch: Record<string, unknown>) => ({ ...leadInput().budget, ...patch });

describe('postLead', () => {
  it('stores an OPEN lead for the client and has users queue the LEAD_CREATED mail', async () => {
    const { url, db, users } = await setupLeads(mongo);
    const client = await clientAccount(users, url);
    const res = await client.ask<{ postLead: Record<string, unknown> }>(
      `mutation ($input: PostLeadInput!) { postLead(input: $input) {
        id status title description category clientId responseCount
        dates { kind startDate endDate durationDays }
        location { countryCode city postalCode }
        budget { min max currency }
        details { key value }
        contact { email phone address { street city postalCode countryCode } }
      } }`,
      { input: leadInput({ dates: { flexible: { earliestDate: inDays(5), latestDate: inDays(20), durationDays: 3 } } }) },
    );
    expect(res.body.errors).toBeUndefined();
    const lead = res.body.data?.postLead;
    expect(lead).toMatchObject({
      status: 'OPEN',
      clientId: client.id,
      responseCount: 0,
      dates: { kind: 'FLEXIBLE', startDate: null, durationDays: 3 },
      location: { countryCode: 'FR', city: 'Paris', postalCode: '75011' },
      budget: { min: 50000, max: 120000, currency: 'EUR' },
      details: [{ key: 'floor', value: '3' }],
      // The client is the subject: everything in clear.
      contact: { email: 'jeanne.martin@example.com', phone: '+33 6 12 34 56 78', address: { street: '12 Rue Oberkampf', city: 'Paris' } },
    });
    expect(await db.collection('leads').countDocuments()).toBe(1);
    expect(await queuedMails(users)).toEqual([{ recipientId: client.id, key: `lead-created:${String(lead?.id)}`, template: 'lead-created' }]);
  });

  const today = inDays(0);
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ['a start date in the past', { dates: fixed(inDays(-1), inDays(2)) }, 'input.dates.fixed.startDate'],
    ['an end date before the start', { dates: fixed(inDays(5), inDays(4)) }, 'input.dates.fixed.endDate'],
    ['a date that is not a calendar date', { dates: fixed('2027-02-30', '2027-03-02') }, 'input.dates.fixed.startDate'],
    ['a date in another format', { dates: fixed('05/03/2027', '2027-03-06') }, 'input.dates.fixed.startDate'],
    ['a date more than two years ahead', { dates: fixed(inDays(10), inDays(800)) }, 'input.dates.fixed.endDate'],
    ['both fixed and flexible dates', { dates: { ...fixed(today, today), flexible: { earliestDate: today, latestDate: today, durationDays: 1 } } }, 'input.dates'],
    ['no dates at all', { dates: {} }, 'input.dates'],
    ['a flexible window shorter than its duration', { dates: { flexible: { earliestDate: inDays(1), latestDate: inDays(3), durationDays: 4 } } }, 'input.dates.flexible.durationDays'],
    ['a flexible window ending before it starts', { dates: { flexible: { earliestDate: inDays(5), latestDate: inDays(3), durationDays: 1 } } }, 'input.dates.flexible.latestDate'],
    ['a negative budget', { budget: budget({ min: -1 }) }, 'input.budget.min'],
    ['a reversed budget', { budget: budget({ min: 5000, max: 4000 }) }, 'input.budget.max'],
    ['an amount above the maximum', { budget: budget({ max: 2_000_000_000 }) }, 'input.budget.max'],
    ['an unknown country', { location: location({ countryCode: 'France' }) }, 'input.location.countryCode'],
    ['an empty city', { location: location({ city: '  ' }) }, 'input.location.city'],
    ['a bad postal code', { location: location({ postalCode: '75011!' }) }, 'input.location.postalCode'],
    ['a short title', { title: 'Hi' }, 'input.title'],
    ['a bad email', { contact: { email: 'not-an-email', phone: '+33 6 12 34 56 78' } }, 'input.contact.email'],
    ['a bad phone', { contact: { email: 'a@example.com', phone: '12' } }, 'input.contact.phone'],
    ['duplicate detail keys', { details: [{ key: 'floor', value: '3' }, { key: 'Floor', value: '4' }] }, 'input.details'],
    ['too many details', { details: Array.from({ length: 21 }, (_, i) => ({ key: `k${i}`, value: 'v' })) }, 'input.details'],
  ];

  it.each(cases)('refuses %s with BAD_USER_INPUT naming the field, storing nothing', async (_name, patch, field) => {
    const { url, db, users } = await setupLeads(mongo);
    const res = await caller(url, 'client').ask(POST_LEAD, { input: leadInput(patch) });
    expect(res.body.data ?? null).toBeNull();
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_INPUT', field });
    expect(res.body.errors?.[0]?.message.startsWith(field)).toBe(true);
    expect(await db.collection('leads').countDocuments()).toBe(0);
    expect(await queuedMails(users)).toEqual([]);
  });

  it.each([
    ['a currency outside the list', { currency: 'BTC' }],
    ['an amount with decimals (amounts are integers in minor units)', { max: 125.5 }],
  ])('refuses %s at the GraphQL layer (BAD_USER_INPUT) and stores nothing', async (_name, patch) => {
    const { url, db } = await setupLeads(mongo);
    const res = await caller(url, 'client').ask(POST_LEAD, { input: leadInput({ budget: budget(patch) }) });
    expect(res.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await db.collection('leads').countDocuments()).toBe(0);
  });

  it('is for clients only: a pro gets FORBIDDEN, an anonymous caller UNAUTHENTICATED', async () => {
    const { url, db } = await setupLeads(mongo);
    const asPro = await caller(url, 'pro').ask(POST_LEAD, { input: leadInput() });
    expect(asPro.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anonymous = await graphql(url, POST_LEAD, { input: leadInput() });
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await db.collection('leads').countDocuments()).toBe(0);
  });
});
