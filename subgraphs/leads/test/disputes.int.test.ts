import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Types } from 'mongoose';
import type { MongoHandle } from '@leadgraph/db';
import { DEV_IDENTITY_SIGNING_KEY, IDENTITY_HEADER, signAssertion } from '@leadgraph/identity';
import { graphql, startTestDatabase } from '@leadgraph/testing';
import { caller, clientAccount, eventually, newId, postLeadAs, queuedMails, respondAs, setupLeads, verifiedPro } from './support.ts';

let mongo: MongoHandle;
beforeAll(async () => {
  mongo = await startTestDatabase();
});
afterAll(() => mongo.stop());

const DISPUTE_FIELDS = /* GraphQL */ `
  id leadId responseId clientId proId openedBy category reason status outcome resolutionNote
  history { from to actorId actorRole note }
  entries { kind authorId authorRole parties body }
`;
const OPEN = `mutation ($input: OpenDisputeInput!) { openDispute(input: $input) { ${DISPUTE_FIELDS} } }`;
const START = `mutation ($id: ID!) { startDisputeReview(disputeId: $id) { status } }`;
const ASK = `mutation ($input: AskDisputePartiesInput!) { askDisputeParties(input: $input) { status } }`;
const ANSWER = `mutation ($input: AnswerDisputeInput!) { answerDispute(input: $input) { status } }`;
const RESOLVE = `mutation ($input: ResolveDisputeInput!) { resolveDispute(input: $input) { ${DISPUTE_FIELDS} } }`;
const WITHDRAW = `mutation ($id: ID!) { withdrawDispute(disputeId: $id) { status } }`;
const THREAD = `query ($id: ID!) { dispute(id: $id) { thread { edges { node { body } } } } }`;
const QUEUE = `query ($filter: DisputeQueueFilter) { disputeQueue(filter: $filter) { edges { node { id status } } } }`;
const REASON = 'The pro took a deposit of 200 euros and never came on the agreed day.';

type DisputeView = { id: string; status: string; history: Array<Record<string, unknown>>; entries: Array<Record<string, unknown>>; reason: string };

/** A lead with a client, a responding pro who was hired, and one message in their thread. */
async function disputedLead(setup: Awaited<ReturnType<typeof setupLeads>>) {
  const { url, users } = setup;
  const client = await clientAccount(users, url);
  const leadId = await postLeadAs(client);
  const pro = await verifiedPro(users, url);
  const responseId = await respondAs(pro, leadId);
  await client.ask('mutation ($input: SendMessageInput!) { sendMessage(input: $input) { id } }', {
    input: { responseId, body: 'Deposit sent by bank transfer this morning.' },
  });
  await client.ask('mutation ($id: ID!) { hireResponse(responseId: $id) { status } }', { id: responseId });
  return { client, pro, leadId, responseId };
}

describe('disputes', () => {
  it('runs the whole lifecycle with an audit record per move and a mail to both parties at each step', async () => {
    const setup = await setupLeads(mongo);
    const { url, db, users } = setup;
    const { client, pro, leadId, responseId } = await disputedLead(setup);
    const admin = caller(url, 'admin');

    const opened = await client.ask<{ openDispute: DisputeView }>(OPEN, { input: { leadId, category: 'PAYMENT', reason: REASON } });
    expect(opened.body.errors).toBeUndefined();
    const dispute = opened.body.data!.openDispute;
    expect(dispute).toMatchObject({ leadId, responseId, clientId: client.id, proId: pro.id, openedBy: 'CLIENT', status: 'OPEN', reason: REASON });
    const id = dispute.id;

    // One open dispute per lead per opener: the second is refused and nothing is written.
    const again = await client.ask(OPEN, { input: { leadId, responseId, category: 'OTHER', reason: REASON } });
    expect(again.body.errors?.[0]?.extensions?.code).toBe('ALREADY_DISPUTED');
    expect(await db.collection('disputes').countDocuments()).toBe(1);

    const queue = await admin.ask<{ disputeQueue: { edges: Array<{ node: { id: string } }> } }>(QUEUE, {});
    expect(queue.body.data?.disputeQueue.edges.map((e) => e.node.id)).toEqual([id]);
    expect((await admin.ask<{ disputeQueue: { edges: unknown[] } }>(QUEUE, { filter: { statuses: ['RESOLVED'] } })).body.data?.disputeQueue.edges).toEqual([]);

    expect((await admin.ask(START, { id })).body).toEqual({ data: { startDisputeReview: { status: 'UNDER_REVIEW' } } });
    const asked = await admin.ask(ASK, { input: { disputeId: id, question: 'Can you both share the payment confirmation?' } });
    expect(asked.body).toEqual({ data: { askDisputeParties: { status: 'AWAITING_PARTIES' } } });

    // Not a move the table allows: INVALID_TRANSITION and the dispute is unchanged.
    const before = await db.collection('disputes').findOne({ _id: new Types.ObjectId(id) });
    const early = await admin.ask(RESOLVE, { input: { disputeId: id, outcome: 'NO_FAULT', resolutionNote: 'Too early.' } });
    expect(early.body.errors?.[0]?.extensions).toEqual({ code: 'INVALID_TRANSITION', reason: 'INVALID_TRANSITION', from: 'AWAITING_PARTIES', to: 'RESOLVED' });
    expect(await db.collection('disputes').findOne({ _id: new Types.ObjectId(id) })).toEqual(before);

    expect((await client.ask(ANSWER, { input: { disputeId: id, body: 'Transfer reference 8812, attached on the site.' } })).body).toEqual({
      data: { answerDispute: { status: 'AWAITING_PARTIES' } },
    });
    const twice = await client.ask(ANSWER, { input: { disputeId: id, body: 'Again.' } });
    expect(twice.body.errors?.[0]?.extensions?.code).toBe('NOT_ASKED_TO_ANSWER');
    // The last answer asked for moves it back to review.
    expect((await pro.ask(ANSWER, { input: { disputeId: id, body: 'I never received it.' } })).body).toEqual({
      data: { answerDispute: { status: 'UNDER_REVIEW' } },
    });

    const resolved = await admin.ask<{ resolveDispute: DisputeView }>(RESOLVE, {
      input: { disputeId: id, outcome: 'IN_FAVOUR_OF_CLIENT', resolutionNote: 'The bank confirmation shows the deposit was received.' },
    });
    expect(resolved.body.errors).toBeUndefined();
    expect(resolved.body.data?.resolveDispute).toMatchObject({ status: 'RESOLVED', outcome: 'IN_FAVOUR_OF_CLIENT' });
    // The admin sent no reason: the parties' texts are masked for them in the answer.
    expect(resolved.body.data?.resolveDispute.reason).toBe('[redacted]');

    // Final: no way out.
    const late = await client.ask(WITHDRAW, { id });
    expect(late.body.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_TRANSITION', from: 'RESOLVED', to: 'WITHDRAWN' });

    // The parties read the whole case in clear, with its audit trail.
    const read = await pro.ask<{ dispute: DisputeView }>(`query ($id: ID!) { dispute(id: $id) { ${DISPUTE_FIELDS} } }`, { id });
    expect(read.body.data?.dispute.reason).toBe(REASON);
    expect(read.body.data?.dispute.history).toEqual([
      { from: null, to: 'OPEN', actorId: client.id, actorRole: 'CLIENT', note: null },
      { from: 'OPEN', to: 'UNDER_REVIEW', actorId: admin.id, actorRole: 'ADMIN', note: null },
      { from: 'UNDER_REVIEW', to: 'AWAITING_PARTIES', actorId: admin.id, actorRole: 'ADMIN', note: null },
      { from: 'AWAITING_PARTIES', to: 'UNDER_REVIEW', actorId: pro.id, actorRole: 'PRO', note: null },
      { from: 'UNDER_REVIEW', to: 'RESOLVED', actorId: admin.id, actorRole: 'ADMIN', note: 'The bank confirmation shows the deposit was received.' },
    ]);
    expect(read.body.data?.dispute.entries).toEqual([
      { kind: 'QUESTION', authorId: admin.id, authorRole: 'ADMIN', parties: ['CLIENT', 'PRO'], body: 'Can you both share the payment confirmation?' },
      { kind: 'ANSWER', authorId: client.id, authorRole: 'CLIENT', parties: ['CLIENT'], body: 'Transfer reference 8812, attached on the site.' },
      { kind: 'ANSWER', authorId: pro.id, authorRole: 'PRO', parties: ['PRO'], body: 'I never received it.' },
    ]);

    // A mail to each party at each of the five steps, through users (C2 DISPUTE_UPDATE); nothing left pending.
    const mails = (await queuedMails(users)).filter((mail) => mail.template === 'dispute-update');
    for (const party of [client, pro]) {
      expect(mails.filter((mail) => mail.recipientId === party.id).map((mail) => mail.key)).toEqual(
        [1, 2, 3, 4, 5].map((step) => `dispute-update:${id}:${step}`),
      );
    }
    expect(await db.collection('pending_notifications').countDocuments({ kind: 'DISPUTE_UPDATE' })).toBe(0);

    // Closed: the opener may open a new one on the same lead.
    const reopened = await client.ask<{ openDispute: { id: string; status: string } }>(OPEN, { input: { leadId, category: 'OTHER', reason: REASON } });
    expect(reopened.body.data?.openDispute.status).toBe('OPEN');

    // Each party lists their own disputes, newest first; anyone else (an admin too) gets none.
    const MINE = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on User { disputes { edges { node { id status } } } } } }`;
    const mine = await pro.ask<{ _entities: Array<{ disputes: { edges: Array<{ node: { id: string; status: string } }> } }> }>(MINE, {
      reps: [{ __typename: 'User', id: pro.id }],
    });
    expect(mine.body.data?._entities[0]?.disputes.edges.map((e) => e.node)).toEqual([
      { id: reopened.body.data!.openDispute.id, status: 'OPEN' },
      { id, status: 'RESOLVED' },
    ]);
    const theirs = await admin.ask<{ _entities: Array<{ disputes: { edges: unknown[] } }> }>(MINE, { reps: [{ __typename: 'User', id: pro.id }] });
    expect(theirs.body.data?._entities[0]?.disputes.edges).toEqual([]);
  });

  it('lets an admin read the thread only with a stated reason, and logs that read', async () => {
    const setup = await setupLeads(mongo);
    const { url, db } = setup;
    const { client, pro, leadId } = await disputedLead(setup);
    const admin = caller(url, 'admin');
    const id = (await pro.ask<{ openDispute: { id: string } }>(OPEN, { input: { leadId, category: 'CONDUCT', reason: REASON } })).body.data!.openDispute.id;

    const refused = await admin.ask(THREAD, { id });
    expect(refused.body.errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN', reason: 'ADMIN_REASON_REQUIRED' });
    expect(refused.body.errors?.[0]?.message).not.toContain('Deposit');
    expect(await db.collection('privacy_access_log').countDocuments({ actorId: admin.id })).toBe(0);

    const read = await admin.ask(THREAD, { id }, { 'x-leadgraph-admin-reason': 'dispute ticket 4711' });
    expect(read.body).toEqual({ data: { dispute: { thread: { edges: [{ node: { body: 'Deposit sent by bank transfer this morning.' } }] } } } });
    const entry = await eventually(async () => (await db.collection('privacy_access_log').findOne({ actorId: admin.id, fields: 'Message.body' })) ?? undefined);
    expect(entry).toMatchObject({ actorRole: 'admin', reason: 'ADMIN_WITH_REASON', adminReason: 'dispute ticket 4711' });
    expect([...(entry.subjectIds as string[])].sort()).toEqual([client.id, pro.id].sort());

    // The parties read their own thread; a pro party that did not open it cannot withdraw it.
    expect((await client.ask(THREAD, { id })).body.errors).toBeUndefined();
    expect((await client.ask(WITHDRAW, { id })).body.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_TRANSITION', from: 'OPEN', to: 'WITHDRAWN' });
    expect((await pro.ask(WITHDRAW, { id })).body).toEqual({ data: { withdrawDispute: { status: 'WITHDRAWN' } } });
  });

  it('answers outsiders exactly as for unknown leads and disputes, and refuses bad input without writing', async () => {
    const setup = await setupLeads(mongo);
    const { url, db, users } = setup;
    const { pro, leadId } = await disputedLead(setup);
    const id = (await pro.ask<{ openDispute: { id: string } }>(OPEN, { input: { leadId, category: 'NO_SHOW', reason: REASON } })).body.data!.openDispute.id;
    const strangers = [await clientAccount(users, url), await verifiedPro(users, url)];
    const unknownLead = newId();
    const unknownDispute = newId();

    for (const stranger of strangers) {
      const onLead = await stranger.ask(OPEN, { input: { leadId, category: 'OTHER', reason: REASON } });
      const onUnknown = await stranger.ask(OPEN, { input: { leadId: unknownLead, category: 'OTHER', reason: REASON } });
      expect(onLead.body.errors?.[0]).toMatchObject({ message: 'No such lead', extensions: { code: 'NOT_FOUND' } });
      expect(onLead.body.errors?.[0]?.extensions).toEqual(onUnknown.body.errors?.[0]?.extensions);
      expect(onLead.body.errors?.[0]?.message).toEqual(onUnknown.body.errors?.[0]?.message);

      const read = await stranger.ask(`query ($id: ID!) { dispute(id: $id) { id reason } }`, { id });
      expect(read.body).toEqual({ data: { dispute: null } });
      expect(read.body).toEqual((await stranger.ask(`query ($id: ID!) { dispute(id: $id) { id reason } }`, { id: unknownDispute })).body);

      const move = await stranger.ask(WITHDRAW, { id });
      expect(move.body.errors?.[0]).toMatchObject({ message: 'No such dispute', extensions: { code: 'NOT_FOUND' } });
      expect(move.body.errors?.[0]?.extensions).toEqual((await stranger.ask(WITHDRAW, { id: unknownDispute })).body.errors?.[0]?.extensions);
      const answer = await stranger.ask(ANSWER, { input: { disputeId: id, body: 'Hello' } });
      expect(answer.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
    // Not an admin: no queue, no admin moves.
    expect((await pro.ask(QUEUE, {})).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await pro.ask(START, { id })).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const before = await db.collection('disputes').find({}).toArray();
    const short = await pro.ask(OPEN, { input: { leadId, category: 'OTHER', reason: 'too short' } });
    expect(short.body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'INVALID_INPUT', field: 'input.reason' });
    expect(short.body.errors?.[0]?.message).not.toContain('too short');
    const badId = await pro.ask(OPEN, { input: { leadId: 'nope', category: 'OTHER', reason: REASON } });
    expect(badId.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await db.collection('disputes').find({}).toArray()).toEqual(before);
  });

  it('is in the data export of both parties, and erasing a party blanks its texts but keeps the case', async () => {
    const setup = await setupLeads(mongo);
    const { url, db } = setup;
    const { client, pro, leadId } = await disputedLead(setup);
    const admin = caller(url, 'admin');
    const id = (await client.ask<{ openDispute: { id: string } }>(OPEN, { input: { leadId, category: 'QUALITY', reason: REASON } })).body.data!.openDispute.id;
    await admin.ask(START, { id });
    await admin.ask(ASK, { input: { disputeId: id, question: 'Photos of the result, please?', parties: ['CLIENT'] } });
    await client.ask(ANSWER, { input: { disputeId: id, body: 'Uploaded three photos of the scratched floor.' } });

    const exporting = {
      [IDENTITY_HEADER]: signAssertion(
        { userId: null, role: 'service', sessionId: null, authenticatedAt: null, scopes: ['personal:export'], clientIp: null },
        DEV_IDENTITY_SIGNING_KEY,
      ),
    };
    const EXPORT = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on DataSubject { disputes { id reason entries { body } } } } }`;
    for (const party of [client, pro]) {
      const res = await graphql<{ _entities: Array<{ disputes: unknown[] }> }>(url, EXPORT, { reps: [{ __typename: 'DataSubject', id: party.id }] }, exporting);
      expect(res.body.data?._entities[0]?.disputes).toEqual([
        { id, reason: REASON, entries: [{ body: 'Photos of the result, please?' }, { body: 'Uploaded three photos of the scratched floor.' }] },
      ]);
    }

    const service = caller(url, 'service', null);
    const erased = await service.ask<{ eraseDataSubject: { collections: Array<{ collection: string; anonymized: number }> } }>(
      'mutation ($input: EraseDataSubjectInput!) { eraseDataSubject(input: $input) { collections { collection anonymized } } }',
      { input: { subjectId: client.id, requestId: newId() } },
    );
    // (privacy-kit counts a document once per subject path naming the person: opener, client, author.)
    expect(erased.body.data?.eraseDataSubject.collections.find((c) => c.collection === 'disputes')?.anonymized).toBeGreaterThan(0);
    const after = await db.collection('disputes').findOne({ _id: new Types.ObjectId(id) });
    expect(after).toMatchObject({ status: 'UNDER_REVIEW', category: 'QUALITY', clientId: new Types.ObjectId(client.id), proId: new Types.ObjectId(pro.id) });
    expect(after?.reason).not.toContain('deposit');
    expect(JSON.stringify(after?.entries)).not.toContain('scratched');
    expect(after?.history).toHaveLength(4);
  });

  it('lets exactly one of two concurrent moves win, and queues disputes oldest first, a page at a time', async () => {
    const setup = await setupLeads(mongo);
    const { url, db } = setup;
    const admin = caller(url, 'admin');
    const first = await disputedLead(setup);
    const second = await disputedLead(setup);

    // Two concurrent openings by the same party: one dispute, one ALREADY_DISPUTED.
    const opens = await Promise.all([0, 1].map(() => first.client.ask<{ openDispute: { id: string } }>(OPEN, { input: { leadId: first.leadId, category: 'OTHER', reason: REASON } })));
    expect(opens.map((res) => res.body.errors?.[0]?.extensions?.code ?? 'OK').sort()).toEqual(['ALREADY_DISPUTED', 'OK']);
    const older = opens.find((res) => res.body.data)!.body.data!.openDispute.id;
    const newer = (await second.pro.ask<{ openDispute: { id: string } }>(OPEN, { input: { leadId: second.leadId, category: 'OTHER', reason: REASON } })).body.data!.openDispute.id;

    const page1 = await admin.ask<{ disputeQueue: { edges: Array<{ cursor: string; node: { id: string } }> } }>(
      `query { disputeQueue(first: 1) { edges { cursor node { id } } } }`,
    );
    const cursor = page1.body.data!.disputeQueue.edges[0]!.cursor;
    expect(page1.body.data?.disputeQueue.edges.map((e) => e.node.id)).toEqual([older]);
    const page2 = await admin.ask<{ disputeQueue: { edges: Array<{ node: { id: string } }> } }>(
      `query ($after: String) { disputeQueue(first: 1, after: $after) { edges { node { id } } } }`,
      { after: cursor },
    );
    expect(page2.body.data?.disputeQueue.edges.map((e) => e.node.id)).toEqual([newer]);

    // Review, then a resolution and a rejection at the same time: one wins, the other is INVALID_TRANSITION.
    await admin.ask(START, { id: older });
    const [resolve, reject] = await Promise.all([
      admin.ask(RESOLVE, { input: { disputeId: older, outcome: 'NO_FAULT', resolutionNote: 'A misunderstanding about the dates.' } }),
      admin.ask('mutation ($input: RejectDisputeInput!) { rejectDispute(input: $input) { status } }', { input: { disputeId: older, resolutionNote: 'Not for us.' } }),
    ]);
    const codes = [resolve, reject].map((res) => res.body.errors?.[0]?.extensions?.code ?? 'OK').sort();
    expect(codes).toEqual(['INVALID_TRANSITION', 'OK']);
    const stored = await db.collection('disputes').findOne({ _id: new Types.ObjectId(older) });
    expect(stored?.history).toHaveLength(3);
    expect(stored?.openKey).toBeUndefined();
  });
});
