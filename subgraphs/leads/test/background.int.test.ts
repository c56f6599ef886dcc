import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MongoHandle } from '@leadgraph/db';
import { startTestDatabase } from '@leadgraph/testing';
import { createLead } from '../src/seed/index.ts';
import { POST_LEAD, caller, clientAccount, eventually, leadInput, postLeadAs, queuedMails, respondAs, setupLeads, verifiedPro } from './support.ts';

let mongo: MongoHandle;
beforeAll(async () => {
  mongo = await startTestDatabase();
});
afterAll(() => mongo.stop());

describe('service mails when the users subgraph is down', () => {
  it('keeps the write, stores the mail, and delivers it once users is back', async () => {
    const { url, db, users } = await setupLeads(mongo, { notificationRetryMs: 100 });
    const client = await clientAccount(users, url);
    await users.stop();
    const res = await client.ask<{ postLead: { id: string } }>(POST_LEAD, { input: leadInput() });
    expect(res.body.errors).toBeUndefined();
    expect(await db.collection('leads').countDocuments()).toBe(1);
    const pending = await db.collection('pending_notifications').findOne({});
    expect(pending).toMatchObject({ kind: 'LEAD_CREATED', attempts: 1, lastErrorCode: 'SERVICE_UNAVAILABLE' });
    await users.restart();
    // Skip the backoff: make it due now; the retry loop (every 100 ms here) delivers it.
    await db.collection('pending_notifications').updateOne({ _id: pending!._id }, { $set: { nextAttemptAt: new Date(0) } });
    await eventually(async () => ((await db.collection('pending_notifications').countDocuments()) === 0 ? true : undefined));
    expect(await queuedMails(users)).toEqual([{ recipientId: client.id, key: `lead-created:${String(res.body.data?.postLead.id)}`, template: 'lead-created' }]);
  });
});

describe('expiry', () => {
  it('expires OPEN leads past their time in the periodic sweep (a scheduler job), without any read', async () => {
    const { db } = await setupLeads(mongo, { expirySweepMs: 100 });
    const due = await createLead(db, { clientId: caller('', 'client').id, expiresAt: new Date(Date.now() - 1000) });
    const fresh = await createLead(db, { clientId: caller('', 'client').id });
    await eventually(async () => ((await db.collection('leads').findOne({ _id: due._id }))?.status === 'EXPIRED' ? true : undefined));
    expect((await db.collection('leads').findOne({ _id: fresh._id }))?.status).toBe('OPEN');
    // Run by the scheduler: a run record with the count, never values.
    const run = await eventually(async () => (await db.collection('scheduler_runs').findOne({ job: 'leads.expire-open-leads', 'removed.expiredLeads': { $gte: 1 } })) ?? undefined);
    expect(run).toMatchObject({ outcome: 'ok' });
  });
});

describe('access log', () => {
  it('records the hired pro\'s clear reads of the client\'s contact details (never the values)', async () => {
    const { url, db, users } = await setupLeads(mongo);
    const client = caller(url, 'client');
    const leadId = await postLeadAs(client);
    const pro = await verifiedPro(users, url);
    const responseId = await respondAs(pro, leadId);
    await client.ask('mutation ($id: ID!) { hireResponse(responseId: $id) { id } }', { id: responseId });
    await pro.ask('query ($id: ID!) { lead(id: $id) { contact { email phone } } }', { id: leadId });
    const entry = await eventually(async () => (await db.collection('privacy_access_log').findOne({ actorId: pro.id, reason: 'RELATIONSHIP', fields: 'LeadContact.email' })) ?? undefined);
    expect(entry).toMatchObject({ actorRole: 'pro', subjectIds: [client.id] });
    expect(JSON.stringify(entry)).not.toContain('jeanne');
  });
});
