import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Types } from 'mongoose';
import type { MongoHandle } from '@leadgraph/db';
import { startTestDatabase } from '@leadgraph/testing';
import { RESPOND, caller, clientAccount, postLeadAs, queuedMails, respondAs, setupLeads, verifiedPro } from './support.ts';

let mongo: MongoHandle;
beforeAll(async () => {
  mongo = await startTestDatabase();
});
afterAll(() => mongo.stop());

const respondInput = (leadId: string) => ({ input: { leadId, quote: { amount: 80000, currency: 'EUR' }, message: 'Available that week.' } });
const SEND = 'mutation ($input: SendMessageInput!) { sendMessage(input: $input) { id threadId body sender { id } } }';

describe('respondToLead', () => {
  it('takes five responses; the sixth pro gets LEAD_FULL and nothing is stored for them', async () => {
    const { url, db, users } = await setupLeads(mongo);
    const client = await clientAccount(users, url);
    const leadId = await postLeadAs(client);
    for (let i = 0; i < 5; i += 1) await respondAs(await verifiedPro(users, url), leadId);
    const sixth = await (await verifiedPro(users, url)).ask(RESPOND, respondInput(leadId));
    expect(sixth.body.errors?.[0]?.extensions).toEqual({ code: 'LEAD_FULL', reason: 'LEAD_FULL' });
    expect(await db.collection('responses').countDocuments()).toBe(5);
    expect((await db.collection('leads').findOne({ _id: new Types.ObjectId(leadId) }))?.responseCount).toBe(5);
    expect((await queuedMails(users)).filter((m) => m.template === 'new-response' && m.recipientId === client.id)).toHaveLength(5);
  });

  it('refuses a second response from the same pro with ALREADY_RESPONDED', async () => {
    const { url, db, users } = await setupLeads(mongo);
    const leadId = await postLeadAs(caller(url, 'client'));
    const pro = await verifiedPro(users, url);
    await respondAs(pro, leadId);
    const again = await pro.ask(RESPOND, respondInput(leadId));
    expect(again.body.errors?.[0]?.extensions).toEqual({ code: 'ALREADY_RESPONDED', reason: 'ALREADY_RESPONDED' });
    expect(await db.collection('responses').countDocuments()).toBe(1);
    expect((await db.collection('leads').findOne({ _id: new Types.ObjectId(leadId) }))?.responseCount).toBe(1);
  });

  it('never takes more than the maximum, however many pros respond at once (and one pro twice at once)', async () => {
    const { url, db, users } = await setupLeads(mongo, { maxResponsesPerLead: 3 });
    const leadId = await postLeadAs(caller(url, 'client'));
    const pros = await Promise.all(Array.from({ length: 8 }, () => verifiedPro(users, url)));
    const results = await Promise.all([...pros, pros[0]!].map((pro) => pro.ask(RESPOND, respondInput(leadId))));
    const codes = results.map((r) => (r.body.errors?.[0]?.extensions?.code as string | undefined) ?? 'OK');
    expect(codes.filter((c) => c === 'OK')).toHaveLength(3);
    expect(codes.every((c) => ['OK', 'LEAD_FULL', 'ALREADY_RESPONDED'].includes(c))).toBe(true);
    expect(await db.collection('responses').countDocuments()).toBe(3);
    expect((await db.collection('leads').findOne({ _id: new Types.ObjectId(leadId) }))?.responseCount).toBe(3);
  });

  it('refuses a quote in another currency than the lead\'s, or negative, with BAD_USER_INPUT, storing nothing', async () => {
    const { url, db, users } = await setupLeads(mongo);
    const leadId = await postLeadAs(caller(url, 'client'));
    const pro = await verifiedPro(users, url);
    const gbp = await pro.ask(RESPOND, { input: { leadId, quote: { amount: 80000, currency: 'GBP' }, message: 'Hi' } });
    expect(gbp.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.quote.currency' });
    const negative = await pro.ask(RESPOND, { input: { leadId, quote: { amount: -1, currency: 'EUR' }, message: 'Hi' } });
    expect(negative.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.quote.amount' });
    expect(await db.collection('responses').countDocuments()).toBe(0);
    expect((await db.collection('leads').findOne({}))?.responseCount).toBe(0);
  });

  it('refuses an unverified pro with PRO_NOT_VERIFIED and a pro the lead does not match with NOT_FOUND', async () => {
    const { url, db, users } = await setupLeads(mongo);
    const leadId = await postLeadAs(caller(url, 'client'));
    const unverified = await verifiedPro(users, url, { matchable: false });
    const elsewhere = await verifiedPro(users, url, { serviceAreas: [{ countryCode: 'DE', postalPrefix: '' }] });
    const otherTrade = await verifiedPro(users, url, { categories: ['CLEANING'] });
    expect((await unverified.ask(RESPOND, respondInput(leadId))).body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'PRO_NOT_VERIFIED' });
    for (const pro of [elsewhere, otherTrade]) {
      expect((await pro.ask(RESPOND, respondInput(leadId))).body.errors?.[0]?.extensions).toEqual({ code: 'NOT_FOUND', reason: 'NOT_FOUND' });
    }
    expect(await db.collection('responses').countDocuments()).toBe(0);
  });

  it('shows responses to the lead\'s client (all) and to each pro (their own) only', async () => {
    const { url, users } = await setupLeads(mongo);
    const client = caller(url, 'client');
    const leadId = await postLeadAs(client);
    const [a, b] = [await verifiedPro(users, url), await verifiedPro(users, url)];
    const ra = await respondAs(a, leadId);
    const rb = await respondAs(b, leadId);
    const query = 'query ($id: ID!) { lead(id: $id) { responses { edges { node { id message pro { id } } } } } }';
    type Res = { lead: { responses: { edges: Array<{ node: { id: string } }> } } | null };
    const ids = async (who: ReturnType<typeof caller>) => (await who.ask<Res>(query, { id: leadId })).body.data?.lead?.responses.edges.map((e) => e.node.id);
    expect(await ids(client)).toEqual([ra, rb]);
    expect(await ids(a)).toEqual([ra]);
    expect(await ids(b)).toEqual([rb]);
    const byId = 'query ($id: ID!) { response(id: $id) { id } }';
    expect((await b.ask(byId, { id: ra })).body).toEqual({ data: { response: null } });
    expect((await caller(url, 'admin').ask(byId, { id: ra })).body).toEqual({ data: { response: null } });
    const mine = await a.ask<{ _entities: Array<{ responses: { edges: Array<{ node: { id: string } }> } }> }>(
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { responses { edges { node { id } } } } } }',
      { r: [{ __typename: 'User', id: a.id }, { __typename: 'User', id: b.id }] },
    );
    expect(mine.body.data?._entities.map((u) => u.responses.edges.map((e) => e.node.id))).toEqual([[ra], []]);
  });
});

describe('message threads', () => {
  it('carries messages between the client and the pro, in both orders, with one NEW_MESSAGE mail per 15 minutes', async () => {
    const { url, db, users } = await setupLeads(mongo);
    const client = await clientAccount(users, url);
    const leadId = await postLeadAs(client);
    const pro = await verifiedPro(users, url);
    const threadId = await respondAs(pro, leadId);
    const bodies = ['When can you start?', 'Monday 8am.', 'Perfect.'];
    const senders = [client, pro, client];
    for (const [i, body] of bodies.entries()) {
      const sent = await senders[i]!.ask<{ sendMessage: { threadId: string; sender: { id: string } } }>(SEND, {
        input: i === 1 ? { threadId, body } : { responseId: threadId, body },
      });
      expect(sent.body.data?.sendMessage).toMatchObject({ threadId, sender: { id: senders[i]!.id } });
    }
    const query = 'query ($id: ID!, $order: MessageOrder) { response(id: $id) { messages(order: $order) { edges { node { body } } } } }';
    type Res = { response: { messages: { edges: Array<{ node: { body: string } }> } } };
    const read = async (who: ReturnType<typeof caller>, order: string) =>
      (await who.ask<Res>(query, { id: threadId, order })).body.data?.response.messages.edges.map((e) => e.node.body);
    expect(await read(pro, 'OLDEST_FIRST')).toEqual(bodies);
    expect(await read(client, 'NEWEST_FIRST')).toEqual([...bodies].reverse());
    // One mail per participant for the thread in this 15-minute window (contract C2's dedupeKey):
    // the client's second message does not mail the pro again.
    const window = Math.floor(Date.now() / (15 * 60 * 1000));
    const messageMails = (await queuedMails(users)).filter((m) => m.template === 'new-message');
    expect(messageMails).toEqual([
      { recipientId: pro.id, key: `new-message:${threadId}:${window}`, template: 'new-message' },
      { recipientId: client.id, key: `new-message:${threadId}:${window}`, template: 'new-message' },
    ]);
    expect(await db.collection('messages').countDocuments()).toBe(3);
  });

  it('refuses anyone else with NOT_FOUND (the same as a missing thread) and stores nothing', async () => {
    const { url, db, users } = await setupLeads(mongo);
    const leadId = await postLeadAs(caller(url, 'client'));
    const threadId = await respondAs(await verifiedPro(users, url), leadId);
    const strangers = [caller(url, 'client'), await verifiedPro(users, url), caller(url, 'admin')];
    for (const stranger of strangers) {
      const theirs = await stranger.ask(SEND, { input: { threadId, body: 'hello' } });
      const missing = await stranger.ask(SEND, { input: { threadId: new Types.ObjectId().toHexString(), body: 'hello' } });
      expect(theirs.body.errors?.[0]?.extensions).toEqual({ code: 'NOT_FOUND', reason: 'NOT_FOUND' });
      expect(theirs.body).toEqual(missing.body);
    }
    expect(await db.collection('messages').countDocuments()).toBe(0);
  });

  it('refuses an empty body with BAD_USER_INPUT naming the field', async () => {
    const { url, users } = await setupLeads(mongo);
    const client = caller(url, 'client');
    const threadId = await respondAs(await verifiedPro(users, url), await postLeadAs(client));
    const res = await client.ask(SEND, { input: { threadId, body: '   ' } });
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.body' });
  });
});
