import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MongoHandle } from '@leadgraph/db';
import { createScheduler, manualClock } from '@leadgraph/scheduler';
import { startTestDatabase } from '@leadgraph/testing';
import { personalDataRetentionJob } from '../src/privacy/retention.ts';
import { caller, clientAccount, leadInput, newId, postLeadAs, respondAs, setupLeads, verifiedPro } from './support.ts';

let mongo: MongoHandle;
beforeAll(async () => {
  mongo = await startTestDatabase();
});
afterAll(() => mongo.stop());

const ERASE = `mutation ($input: EraseDataSubjectInput!) {
  eraseDataSubject(input: $input) { subgraph collections { collection deleted anonymized held } heldUntil }
}`;
const SCAN = `query ($input: ScanForValuesInput!) { scanForValues(input: $input) { collection path count } }`;
const SEND = `mutation ($input: SendMessageInput!) { sendMessage(input: $input) { id } }`;
const THREAD = `query ($id: ID!) { response(id: $id) { id message messages(first: 50) { edges { node { body } } } } }`;

type Report = { eraseDataSubject: { subgraph: string; collections: Array<{ collection: string; deleted: number; anonymized: number; held: number }>; heldUntil: string | null } };
type Hits = { scanForValues: Array<{ collection: string; path: string; count: number }> };
type Thread = { response: { id: string; message: string; messages: { edges: Array<{ node: { body: string } }> } } | null };

/** Every document of the leads collections, for before/after comparisons. */
async function snapshot(db: mongoose.Connection) {
  const state: Record<string, unknown> = {};
  for (const name of ['leads', 'responses', 'messages', 'pending_notifications']) state[name] = await db.collection(name).find({}).sort({ _id: 1 }).toArray();
  return JSON.parse(JSON.stringify(state)) as unknown;
}

const CLIENT_VALUES = {
  description: 'Zebrafinch piano and forty boxes on the fifth floor',
  city: 'Montreuil-sous-Bois',
  address: '7 Allée des Glycines',
  email: 'odette.vermeer@example.com',
  phone: '+33 6 98 76 54 32',
  detail: 'Grand piano Pleyel',
  message: 'Odette here: the piano goes first, please',
};

describe('eraseDataSubject (leads)', () => {
  it("erases the client's leads and messages; the pro keeps reading their own side of the thread", async () => {
    const sut = await setupLeads(mongo, { schedulerPollMs: false });
    const client = await clientAccount(sut.users, sut.url);
    const pro = await verifiedPro(sut.users, sut.url, { categories: ['MOVING'], serviceAreas: [{ countryCode: 'FR', postalPrefix: '93' }] });
    const leadId = await postLeadAs(
      client,
      leadInput({
        description: CLIENT_VALUES.description,
        location: { countryCode: 'FR', city: CLIENT_VALUES.city, postalCode: '93100', address: CLIENT_VALUES.address },
        details: [{ key: 'instrument', value: CLIENT_VALUES.detail }],
        contact: { email: CLIENT_VALUES.email, phone: CLIENT_VALUES.phone },
      }),
    );
    const responseId = await respondAs(pro, leadId);
    for (const [who, body] of [[client, CLIENT_VALUES.message], [pro, 'Pro here: piano first, noted.'], [client, 'Odette again, thanks']] as const) {
      const sent = await who.ask(SEND, { input: { responseId, body } });
      expect(sent.body.errors).toBeUndefined();
    }
    // Another client's lead, untouched by the erasure.
    const other = await clientAccount(sut.users, sut.url);
    const otherLead = await postLeadAs(other, leadInput({ description: 'Someone else moving a sofa bed' }));

    const service = caller(sut.url, 'service', null);
    const values = Object.values(CLIENT_VALUES);
    const before = await service.ask<Hits>(SCAN, { input: { values } });
    expect(before.body.data?.scanForValues.map((hit) => `${hit.collection}.${hit.path}`)).toEqual(
      expect.arrayContaining(['leads.description', 'leads.location.city', 'leads.contact.email', 'leads.details.value', 'messages.body']),
    );

    const res = await service.ask<Report>(ERASE, { input: { subjectId: client.id, requestId: newId() } });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.eraseDataSubject).toEqual({
      subgraph: 'leads',
      collections: [
        { collection: 'leads', deleted: 1, anonymized: 0, held: 0 },
        { collection: 'messages', deleted: 0, anonymized: 2, held: 0 },
      ],
      heldUntil: null,
    });

    // The pro still reads the thread: their own message and response as written, the client's messages masked.
    const thread = await pro.ask<Thread>(THREAD, { id: responseId });
    expect(thread.body.errors).toBeUndefined();
    expect(thread.body.data?.response?.message).toBe('I can do it on your dates.');
    expect(thread.body.data?.response?.messages.edges.map((edge) => edge.node.body)).toEqual(['[redacted]', 'Pro here: piano first, noted.', '[redacted]']);

    const lead = await sut.db.collection('leads').findOne({ _id: new mongoose.Types.ObjectId(leadId) });
    expect(lead).toMatchObject({ status: 'CLOSED', description: '', contact: { email: '', phone: '', address: '' }, location: { city: '', countryCode: '' } });
    expect(lead?.transitions.at(-1)).toMatchObject({ from: 'OPEN', to: 'CLOSED', reason: "the client's personal data was erased" });
    const untouched = await sut.db.collection('leads').findOne({ _id: new mongoose.Types.ObjectId(otherLead) });
    expect(untouched).toMatchObject({ status: 'OPEN', description: 'Someone else moving a sofa bed' });

    const after = await service.ask<Hits>(SCAN, { input: { values } });
    expect(after.body.data?.scanForValues).toEqual([]);

    // Idempotent.
    const state = await snapshot(sut.db);
    const again = await service.ask<Report>(ERASE, { input: { subjectId: client.id, requestId: newId() } });
    expect(again.body.data?.eraseDataSubject).toEqual({ subgraph: 'leads', collections: [], heldUntil: null });
    expect(await snapshot(sut.db)).toEqual(state);
  });

  it("erases a pro's response and messages; the client's messages stay", async () => {
    const sut = await setupLeads(mongo, { schedulerPollMs: false });
    const client = await clientAccount(sut.users, sut.url);
    const pro = await verifiedPro(sut.users, sut.url, { categories: ['MOVING'], serviceAreas: [{ countryCode: 'FR', postalPrefix: '75' }] });
    const leadId = await postLeadAs(client);
    const responseId = await respondAs(pro, leadId);
    await client.ask(SEND, { input: { responseId, body: 'Client asks: Tuesday?' } });
    await pro.ask(SEND, { input: { responseId, body: 'Pro answers: Tuesday works' } });

    const service = caller(sut.url, 'service', null);
    const res = await service.ask<Report>(ERASE, { input: { subjectId: pro.id, requestId: newId() } });
    expect(res.body.data?.eraseDataSubject.collections).toEqual([
      { collection: 'messages', deleted: 0, anonymized: 1, held: 0 },
      { collection: 'responses', deleted: 0, anonymized: 1, held: 0 },
    ]);
    const thread = await client.ask<Thread>(THREAD, { id: responseId });
    expect(thread.body.data?.response?.message).toBe('[redacted]');
    expect(thread.body.data?.response?.messages.edges.map((edge) => edge.node.body)).toEqual(['Client asks: Tuesday?', '[redacted]']);
  });

  it('refuses bad input and callers other than a service, changing nothing', async () => {
    const sut = await setupLeads(mongo, { schedulerPollMs: false });
    const client = await clientAccount(sut.users, sut.url);
    await postLeadAs(client);
    const state = await snapshot(sut.db);
    const service = caller(sut.url, 'service', null);
    const bad = await service.ask(ERASE, { input: { subjectId: '123', requestId: newId() } });
    expect(bad.body.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    const asClient = await client.ask(ERASE, { input: { subjectId: client.id, requestId: newId() } });
    expect(asClient.body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    const scanAsClient = await client.ask(SCAN, { input: { values: ['anything'] } });
    expect(scanAsClient.body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(await snapshot(sut.db)).toEqual(state);
  });

  it('runs the retention job on the scheduler with a controlled clock', async () => {
    const sut = await setupLeads(mongo, { schedulerPollMs: false });
    const scheduler = createScheduler({ db: sut.db, clock: manualClock(new Date('2030-01-01T00:00:00Z')), jobs: [personalDataRetentionJob(sut.db)] });
    const { runs } = await scheduler.runDueJobs();
    expect(runs.map((run) => [run.job, run.outcome])).toEqual([['leads.retention-personal-data', 'ok']]);
    await scheduler.stop();
  });
});
