import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MongoHandle } from '@leadgraph/db';
import { createLogger } from '@leadgraph/logging';
import { mailOutbox, type MailCatcher } from '@leadgraph/mail';
import { startTestDatabase } from '@leadgraph/testing';
import { createUser, fakeProProfile } from '../src/seed/index.ts';
import { as, asService, codes, startMarketplace } from './marketplace.ts';
import { FILE_REQUEST, startWithPrivacy } from './with-privacy.ts';

let mongo: MongoHandle;
beforeAll(async () => {
  mongo = await startTestDatabase();
});
afterAll(() => mongo.stop());

const MATCH = `query ($ids: [ID!]!) { proMatchProfiles(ids: $ids) { proId matchable categories serviceAreas { countryCode postalPrefix } } }`;
const SEND = `mutation ($input: ServiceMessageInput!) { sendServiceMessage(input: $input) }`;
type Match = { proMatchProfiles: Array<{ proId: string; matchable: boolean; categories: string[]; serviceAreas: unknown[] }> };

/** The mails to `to` once `count` arrived (the outbox delivers within ~100 ms; waits up to ~5 s). */
async function mailsTo(catcher: MailCatcher, to: string, count = 1) {
  for (let i = 0; i < 100; i += 1) {
    const found = catcher.messages().filter((m) => m.envelope.to.includes(to));
    if (found.length >= count) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`fewer than ${count} mail(s) to the recipient`);
}

describe('proMatchProfiles (contract C1)', () => {
  it('answers services only: matchable when a verified pro with an active account', async () => {
    const { users: m } = await startWithPrivacy(mongo);
    const areas = [{ countryCode: 'FR', postalPrefix: '75' }, { countryCode: 'FR', postalPrefix: '' }];
    const verified = await createUser(m.db, { role: 'pro', proProfile: fakeProProfile({ status: 'VERIFIED', categories: ['TRAVEL', 'EVENTS'], serviceAreas: areas }) });
    const pending = await createUser(m.db, { role: 'pro', proProfile: fakeProProfile({ status: 'PENDING', categories: ['TRAVEL'] }) });
    const rejected = await createUser(m.db, { role: 'pro', proProfile: fakeProProfile({ status: 'REJECTED' }) });
    const closed = await createUser(m.db, { role: 'pro', disabledAt: new Date(), proProfile: fakeProProfile({ status: 'VERIFIED' }) });
    const noProfile = await createUser(m.db, { role: 'pro' });
    const client = await createUser(m.db, { role: 'client' });
    const unknown = new mongoose.Types.ObjectId().toHexString();
    const ids = [verified, pending, rejected, closed, noProfile, client].map((u) => u._id.toHexString());

    const res = await m.call<Match>(MATCH, { ids: [...ids, unknown, 'not-an-id'] }, asService('leads'));
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.proMatchProfiles).toEqual([
      { proId: ids[0], matchable: true, categories: ['TRAVEL', 'EVENTS'], serviceAreas: areas },
      { proId: ids[1], matchable: false, categories: ['TRAVEL'], serviceAreas: expect.any(Array) },
      { proId: ids[2], matchable: false, categories: expect.any(Array), serviceAreas: expect.any(Array) },
      { proId: ids[3], matchable: false, categories: expect.any(Array), serviceAreas: expect.any(Array) },
      { proId: ids[4], matchable: false, categories: [], serviceAreas: [] },
    ]);

    for (const role of ['client', 'pro', 'admin'] as const) expect(codes(await m.call(MATCH, { ids }, as(role)))).toEqual(['FORBIDDEN']);
    expect(codes(await m.call(MATCH, { ids }))).toEqual(['UNAUTHENTICATED']);
  });
});

describe('proMatchProfiles and restrictions (issue 7)', () => {
  it('a verified pro with a standing RESTRICTION or OBJECTION request is not matchable, asked of the real privacy subgraph', async () => {
    const { users: m, privacy } = await startWithPrivacy(mongo);
    const profile = () => fakeProProfile({ status: 'VERIFIED', categories: ['MOVING'], serviceAreas: [{ countryCode: 'GB', postalPrefix: 'SW1' }] });
    const [free, restricting, objecting] = await Promise.all([0, 1, 2].map(() => createUser(m.db, { role: 'pro', proProfile: profile() })));
    const ids = [free, restricting, objecting].map((u) => u!._id.toHexString());
    for (const [id, kind] of [[ids[1], 'RESTRICTION'], [ids[2], 'OBJECTION']] as const) {
      const filed = await privacy.call(FILE_REQUEST, { input: { kind, details: 'please stop' } }, as('pro', id));
      expect(filed.body.errors).toBeUndefined();
    }

    const res = await m.call<Match>(MATCH, { ids }, asService('leads'));
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.proMatchProfiles.map((p) => [p.proId, p.matchable])).toEqual([
      [ids[0], true],
      [ids[1], false],
      [ids[2], false],
    ]);
  });

  it('fails closed (SERVICE_UNAVAILABLE) when the privacy subgraph cannot answer', async () => {
    const m = await startMarketplace(mongo, { peerUrl: () => 'http://127.0.0.1:1/graphql' });
    const pro = await createUser(m.db, { role: 'pro', proProfile: fakeProProfile({ status: 'VERIFIED' }) });
    const res = await m.call<Match>(MATCH, { ids: [pro._id.toHexString()] }, asService('leads'));
    expect(codes(res)).toEqual(['SERVICE_UNAVAILABLE']);
  });
});

describe('sendServiceMessage (contract C2)', () => {
  it('queues the mail for a service and delivers it over SMTP with the link built here, once per dedupe key', async () => {
    const m = await startMarketplace(mongo, { appUrl: 'https://app.test' });
    const client = await createUser(m.db, { role: 'client', name: 'Chloé Martin', email: 'chloe.martin@example.com' });
    const pro = await createUser(m.db, { role: 'pro', name: 'Ravi Patel', companyName: 'Patel Removals' });
    const leadId = new mongoose.Types.ObjectId().toHexString();
    const input = {
      recipientId: client._id.toHexString(),
      kind: 'NEW_RESPONSE',
      leadId,
      leadTitle: 'Move a 2-bed flat <Lyon>',
      counterpartId: pro._id.toHexString(),
      dedupeKey: `new-response:${leadId}:1`,
    };
    const res = await m.call<{ sendServiceMessage: boolean }>(SEND, { input }, asService('leads'));
    expect(res.body).toEqual({ data: { sendServiceMessage: true } });
    const [mail] = await mailsTo(m.catcher, 'chloe.martin@example.com');
    expect(mail!.subject).toBe('Patel Removals responded to "Move a 2-bed flat <Lyon>"');
    expect(mail!.text).toContain('Hi Chloé Martin,');
    expect(mail!.text).toContain(`https://app.test/leads/${leadId}`);
    expect(mail!.html).toContain('Move a 2-bed flat &lt;Lyon&gt;');

    // The same key again: true (it is queued), but no second mail.
    expect((await m.call(SEND, { input }, asService('leads'))).body).toEqual({ data: { sendServiceMessage: true } });
    expect(await mailOutbox(m.db).countDocuments({ to: 'chloe.martin@example.com' })).toBe(1);
  });

  it('builds each kind\'s link: messages, privacy requests', async () => {
    const m = await startMarketplace(mongo, { appUrl: 'https://app.test/' });
    const user = await createUser(m.db, { role: 'client', email: 'ann.kinds@example.com' });
    const sender = await createUser(m.db, { role: 'client', name: 'Bob Sender' });
    const leadId = new mongoose.Types.ObjectId().toHexString();
    const requestId = new mongoose.Types.ObjectId().toHexString();
    const recipientId = user._id.toHexString();
    for (const input of [
      { recipientId, kind: 'NEW_MESSAGE', leadId, leadTitle: 'Garden', counterpartId: sender._id.toHexString(), dedupeKey: 'new-message:t1:1' },
      { recipientId, kind: 'REQUEST_UPDATE', requestId, requestStatus: 'EXTENDED', dedupeKey: `request:${requestId}:EXTENDED` },
      { recipientId, kind: 'LEAD_TAKEN', leadId, leadTitle: 'Garden', dedupeKey: `lead-taken:${leadId}` },
    ]) {
      expect((await m.call(SEND, { input }, asService('privacy'))).body).toEqual({ data: { sendServiceMessage: true } });
    }
    const mails = await mailsTo(m.catcher, 'ann.kinds@example.com', 3);
    const texts = mails.map((mail) => mail.text).join('\n');
    expect(texts).toContain(`https://app.test/leads/${leadId}/messages`);
    expect(texts).toContain('Bob Sender wrote to you about "Garden"');
    expect(texts).toContain(`https://app.test/privacy/requests/${requestId}`);
    expect(texts).toContain('two further months');
    expect(texts).toContain('hired another pro');
  });

  it('logs no address, name or lead title on the way (sending and delivering)', async () => {
    const lines: string[] = [];
    const logger = createLogger('users-test', { level: 'debug', destination: { write: (line: string) => void lines.push(line) } });
    const m = await startMarketplace(mongo, { logger });
    const client = await createUser(m.db, { role: 'client', name: 'Zelda Quartermaine', email: 'zelda.q@example.com' });
    const input = { recipientId: client._id.toHexString(), kind: 'LEAD_CREATED', leadId: 'lead1', leadTitle: 'Secret garden party', dedupeKey: 'lead-created:lead1' };
    expect((await m.call(SEND, { input }, asService())).body).toEqual({ data: { sendServiceMessage: true } });
    await mailsTo(m.catcher, 'zelda.q@example.com');
    // Wait for the worker's own record of the delivery, so its log lines are in.
    for (let i = 0; i < 100 && !lines.some((l) => l.includes('"outcome":"sent"')); i += 1) await new Promise((r) => setTimeout(r, 50));
    const log = lines.join('\n');
    expect(log).toContain('"outcome":"sent"');
    for (const secret of ['zelda.q@example.com', 'Zelda', 'Quartermaine', 'Secret garden party']) expect(log).not.toContain(secret);
  });

  it('answers false and queues nothing for an unknown, closed or unconfirmed recipient', async () => {
    const m = await startMarketplace(mongo);
    const closed = await createUser(m.db, { role: 'client', disabledAt: new Date() });
    const unconfirmed = await createUser(m.db, { role: 'client', emailVerifiedAt: null });
    for (const recipientId of [new mongoose.Types.ObjectId().toHexString(), closed._id.toHexString(), unconfirmed._id.toHexString()]) {
      const input = { recipientId, kind: 'LEAD_CREATED', leadId: 'abc', leadTitle: 'Trip', dedupeKey: `k-${recipientId}` };
      expect((await m.call(SEND, { input }, asService('leads'))).body).toEqual({ data: { sendServiceMessage: false } });
    }
    expect(await mailOutbox(m.db).countDocuments({})).toBe(0);
  });

  it('is for services only, and refuses input missing what its kind needs', async () => {
    const m = await startMarketplace(mongo);
    const client = await createUser(m.db, { role: 'client' });
    const input = { recipientId: client._id.toHexString(), kind: 'HIRED', leadId: 'abc', leadTitle: 'Trip', dedupeKey: 'hired:abc' };
    expect(codes(await m.call(SEND, { input }, as('client', client._id.toHexString())))).toEqual(['FORBIDDEN']);
    expect(codes(await m.call(SEND, { input }, as('admin')))).toEqual(['FORBIDDEN']);
    expect(codes(await m.call(SEND, { input }))).toEqual(['UNAUTHENTICATED']);
    const missing = await m.call(SEND, { input: { ...input, leadTitle: null } }, asService());
    expect(codes(missing)).toEqual(['BAD_USER_INPUT']);
    expect(missing.body.errors?.[0]?.message).toBe('Invalid value for: leadTitle');
    const badLink = await m.call(SEND, { input: { ...input, leadId: '../admin' } }, asService());
    expect(badLink.body.errors?.[0]?.message).toBe('Invalid value for: leadId');
    expect(await mailOutbox(m.db).countDocuments({})).toBe(0);
  });
});
