import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Types } from 'mongoose';
import type { MongoHandle } from '@leadgraph/db';
import { startTestDatabase } from '@leadgraph/testing';
import { LEAD_STATUSES, type LeadStatusName } from '../src/models/lead.ts';
import { allowedActor } from '../src/lifecycle/transitions.ts';
import { createLead, createResponses } from '../src/seed/index.ts';
import { caller, clientAccount, newId, postLeadAs, queuedMails, respondAs, setupLeads, verifiedPro } from './support.ts';

let mongo: MongoHandle;
beforeAll(async () => {
  mongo = await startTestDatabase();
});
afterAll(() => mongo.stop());

const MUTATIONS = {
  HIRED: 'mutation ($id: ID!) { hireResponse(responseId: $id) { id status } }',
  COMPLETED: 'mutation ($id: ID!) { completeLead(leadId: $id) { id status completedAt } }',
  CLOSED: 'mutation ($id: ID!) { closeLead(leadId: $id) { id status closedAt } }',
} as const;
type Target = keyof typeof MUTATIONS;

describe('lead lifecycle over the API', () => {
  const cases = LEAD_STATUSES.flatMap((from) => (Object.keys(MUTATIONS) as Target[]).map((to) => [from, to] as const));

  it.each(cases)('from %s, asking for %s: done if the table allows it, else INVALID_TRANSITION and nothing changes', async (from, to) => {
    const { url, db } = await setupLeads(mongo);
    const client = caller(url, 'client');
    const proId = newId();
    const lead = await createLead(db, {
      clientId: client.id,
      status: from,
      ...(from === 'HIRED' || from === 'COMPLETED' ? { hiredProId: proId } : {}),
    });
    const [response] = await createResponses(db, [{ lead, proId: new Types.ObjectId() }]);
    const before = await db.collection('leads').findOne({ _id: lead._id });
    const id = to === 'HIRED' ? response!._id.toHexString() : lead._id.toHexString();
    const res = await client.ask<Record<string, { status: string }>>(MUTATIONS[to], { id });
    if (allowedActor(from as LeadStatusName, to) === 'client') {
      expect(res.body.errors).toBeUndefined();
      const after = await db.collection('leads').findOne({ _id: lead._id });
      expect(after).toMatchObject({ status: to, transitions: [expect.objectContaining({ from, to, actorId: new Types.ObjectId(client.id) })] });
    } else {
      expect(res.body.errors?.[0]?.extensions).toEqual({ code: 'INVALID_TRANSITION', reason: 'INVALID_TRANSITION', from, to });
      expect(await db.collection('leads').findOne({ _id: lead._id })).toEqual(before);
    }
  });

  it('hires, then completes: the hired pro and response are recorded, mails go to the hired pro and the others', async () => {
    const { url, db, users } = await setupLeads(mongo);
    const client = await clientAccount(users, url);
    const leadId = await postLeadAs(client);
    const [hired, other] = [await verifiedPro(users, url), await verifiedPro(users, url)];
    const responseId = await respondAs(hired, leadId);
    await respondAs(other, leadId);
    const hire = await client.ask<{ hireResponse: { status: string } }>(
      'mutation ($id: ID!) { hireResponse(responseId: $id) { status hiredPro { id } hiredResponse { id hired } } }',
      { id: responseId },
    );
    expect(hire.body).toEqual({ data: { hireResponse: { status: 'HIRED', hiredPro: { id: hired.id }, hiredResponse: { id: responseId, hired: true } } } });
    const hireMails = (await queuedMails(users)).filter((m) => m.template === 'hired' || m.template === 'lead-taken');
    expect(hireMails.map((m) => [m.template, m.recipientId, m.key]).sort()).toEqual(
      [
        ['hired', hired.id, `hired:${leadId}`],
        ['lead-taken', other.id, `lead-taken:${leadId}`],
      ].sort(),
    );
    const done = await client.ask<{ completeLead: { status: string; completedAt: string } }>(MUTATIONS.COMPLETED, { id: leadId });
    expect(done.body.data?.completeLead.status).toBe('COMPLETED');
    const stored = await db.collection('leads').findOne({ _id: new Types.ObjectId(leadId) });
    expect(stored?.transitions.map((t: { from: string; to: string }) => `${t.from}→${t.to}`)).toEqual(['OPEN→HIRED', 'HIRED→COMPLETED']);
    expect(stored?.completedAt).toBeInstanceOf(Date);
  });

  it('lets exactly one of many concurrent hires win', async () => {
    const { url, db, users } = await setupLeads(mongo);
    const client = caller(url, 'client');
    const leadId = await postLeadAs(client);
    const pros = await Promise.all(Array.from({ length: 5 }, () => verifiedPro(users, url)));
    const responseIds = await Promise.all(pros.map((pro) => respondAs(pro, leadId)));
    const results = await Promise.all(responseIds.map((id) => client.ask(MUTATIONS.HIRED, { id })));
    const winners = results.filter((r) => r.body.errors === undefined);
    const losers = results.filter((r) => r.body.errors !== undefined);
    expect(winners).toHaveLength(1);
    expect(losers.map((r) => r.body.errors?.[0]?.extensions)).toEqual(
      Array(4).fill({ code: 'INVALID_TRANSITION', reason: 'INVALID_TRANSITION', from: 'HIRED', to: 'HIRED' }),
    );
    const stored = await db.collection('leads').findOne({ _id: new Types.ObjectId(leadId) });
    expect(stored?.transitions).toHaveLength(1);
    expect(responseIds).toContain(stored?.hiredResponseId.toHexString());
  });

  it('answers NOT_FOUND to another client, the same as for a missing lead, and changes nothing', async () => {
    const { url, db } = await setupLeads(mongo);
    const owner = caller(url, 'client');
    const lead = await createLead(db, { clientId: owner.id });
    const stranger = caller(url, 'client');
    const theirs = await stranger.ask(MUTATIONS.CLOSED, { id: lead._id.toHexString() });
    const missing = await stranger.ask(MUTATIONS.CLOSED, { id: newId() });
    expect(theirs.body.errors?.[0]?.extensions).toEqual({ code: 'NOT_FOUND', reason: 'NOT_FOUND' });
    expect(theirs.body).toEqual(missing.body);
    expect((await db.collection('leads').findOne({ _id: lead._id }))?.status).toBe('OPEN');
  });

  it('expires an OPEN lead past expiresAt on read, through the table, and refuses to close it', async () => {
    const { url, db } = await setupLeads(mongo);
    const client = caller(url, 'client');
    const lead = await createLead(db, { clientId: client.id, expiresAt: new Date(Date.now() - 1000) });
    const read = await client.ask<{ lead: { status: string } }>('query ($id: ID!) { lead(id: $id) { status } }', { id: lead._id.toHexString() });
    expect(read.body.data?.lead.status).toBe('EXPIRED');
    const stored = await db.collection('leads').findOne({ _id: lead._id });
    expect(stored).toMatchObject({ status: 'EXPIRED', transitions: [expect.objectContaining({ from: 'OPEN', to: 'EXPIRED', actorId: null })] });
    const close = await client.ask(MUTATIONS.CLOSED, { id: lead._id.toHexString() });
    expect(close.body.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_TRANSITION', from: 'EXPIRED', to: 'CLOSED' });
    // Lists expire on read too.
    const listed = await createLead(db, { clientId: client.id, expiresAt: new Date(Date.now() - 1000) });
    const mine = await client.ask<{ _entities: Array<{ leads: { edges: Array<{ node: { id: string; status: string } }> } }> }>(
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { leads { edges { node { id status } } } } } }',
      { r: [{ __typename: 'User', id: client.id }] },
    );
    expect(mine.body.data?._entities[0]?.leads.edges.map((e) => e.node.status)).toEqual(['EXPIRED', 'EXPIRED']);
    expect((await db.collection('leads').findOne({ _id: listed._id }))?.status).toBe('EXPIRED');
  });
});
