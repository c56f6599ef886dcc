import { createHash } from 'node:crypto';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionModel, tokenModel } from '@leadgraph/auth';
import { connectDatabase, type MongoHandle } from '@leadgraph/db';
import { MAIL_COLLECTION } from '@leadgraph/mail';
import { manualClock, createScheduler } from '@leadgraph/scheduler';
import { startTestDatabase, uniqueDbName } from '@leadgraph/testing';
import { apiKeyModel } from '../src/api-keys/model.ts';
import { mediaBucket, putFile } from '../src/media/store.ts';
import { proImageModel } from '../src/models/pro-image.ts';
import { userModel } from '../src/models/user.ts';
import { personalDataRetentionJob } from '../src/privacy/retention.ts';
import { startSubgraph } from '../src/server.ts';
import { PASSWORD, SIGN_IN, anonymousFrom, newEmail, newIp, signInAs, signUpVerified, startAccounts, type Accounts } from './helpers.ts';
import { PROFILE_INPUT, UPDATE_PROFILE, as, asService } from './marketplace.ts';

let mongo: MongoHandle;
beforeAll(async () => {
  mongo = await startTestDatabase();
});
afterAll(() => mongo.stop());

const ERASE = `mutation ($input: EraseDataSubjectInput!) {
  eraseDataSubject(input: $input) { subgraph collections { collection deleted anonymized held } heldUntil }
}`;
const SCAN = `query ($input: ScanForValuesInput!) { scanForValues(input: $input) { collection path count } }`;

type Report = { eraseDataSubject: { subgraph: string; collections: Array<{ collection: string; deleted: number; anonymized: number; held: number }>; heldUntil: string | null } };
type Hits = { scanForValues: Array<{ collection: string; path: string; count: number }> };

const requestId = () => new mongoose.Types.ObjectId().toHexString();

/** A pro with everything the users subgraph keeps: account, profile, image, sessions, API key, a pending mail. */
async function seedPro(a: Accounts, name: string) {
  const email = newEmail('erase');
  await signUpVerified(a, { email, role: 'PRO', name });
  const session = await signInAs(a, email);
  const digits = String(Math.floor(Math.random() * 1e6)).padStart(6, '0');
  const profile = {
    ...PROFILE_INPUT,
    companyName: `${name} Removals`,
    description: `${name} moves anything, anywhere.`,
    businessEmail: `office.${email}`,
    businessPhone: `+44 20 7946 ${digits}`,
    website: `https://${session.userId}.example`,
  };
  const saved = await a.call(UPDATE_PROFILE, { input: profile }, session.headers());
  expect(saved.body.errors).toBeUndefined();
  const proId = new mongoose.Types.ObjectId(session.userId);
  const bytes = Buffer.from(`image bytes of ${name}`);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const image = await proImageModel(a.db).create({ proId, kind: 'LOGO', sha256, contentType: 'image/png', byteSize: bytes.length });
  await putFile(mediaBucket(a.db), image._id, sha256, bytes, { proId: session.userId });
  await apiKeyModel(a.db).create({ secretHash: createHash('sha256').update(email).digest('hex'), prefix: 'lg_abcdefgh', ownerId: proId, name: 'CRM sync', scopes: [], createdBy: proId });
  await a.db.collection(MAIL_COLLECTION).insertOne({
    template: 'test', to: email, subject: 'Hello', text: `Hello ${name}`, html: `<p>Hello ${name}</p>`, status: 'pending', attempts: 0,
    nextAttemptAt: new Date(Date.now() + 3_600_000), createdAt: new Date(),
  });
  const reference = `PAYOUT-${digits}-${name.split(' ')[0]}`;
  await a.db.collection('payout_accounts').insertOne({
    proId, kind: 'IBAN', holderName: name, iban: `GB33BUKB2020155555${digits.slice(0, 4)}`, sortCode: null, accountNumber: null, country: 'GB',
    billingAddress: { line1: `1 ${name} Street`, city: 'London', postalCode: 'SW1A 1AA', countryCode: 'GB' }, updatedAt: new Date(),
  });
  await a.db.collection('payouts').insertOne({
    proId, amount: 12_000, currency: 'GBP', paidOn: '2026-10-01', account: { kind: 'IBAN', country: 'GB', holderName: name, last4: digits.slice(0, 4), fingerprint: 'f'.repeat(64) },
    reference, recordedAt: new Date(), recordedBy: 'admin', heldUntil: null,
  });
  return { id: session.userId, email, name, reference, values: [name, email, profile.businessEmail, profile.businessPhone, profile.website, profile.companyName, profile.description] };
}

/** Every document of the users database's collections, for before/after comparisons. */
async function snapshot(db: mongoose.Connection) {
  const names = (await db.db!.listCollections().toArray()).map((c) => c.name).filter((n) => !n.startsWith('scheduler_') && n !== 'rate_limits').sort();
  const state: Record<string, unknown> = {};
  for (const name of names) state[name] = await db.collection(name).find({}).sort({ _id: 1 }).toArray();
  return JSON.parse(JSON.stringify(state)) as unknown;
}

describe('eraseDataSubject (users)', () => {
  it('erases the account: no sign-in, no sessions, keys, images or mails, name [erased]; the other account is untouched', async () => {
    const a = await startAccounts(mongo);
    const jane = await seedPro(a, 'Janet Quillfeather');
    const other = await seedPro(a, 'Oscar Brightwater');

    const before = await a.call<Hits>(SCAN, { input: { values: jane.values } }, asService('privacy'));
    expect(before.body.data?.scanForValues.map((hit) => `${hit.collection}.${hit.path}`)).toEqual(
      expect.arrayContaining(['users.name', 'users.email', 'users.proProfile.businessEmail', 'users.proProfile.website', 'mail_outbox.to']),
    );

    const res = await a.call<Report>(ERASE, { input: { subjectId: jane.id, requestId: requestId() } }, asService('privacy'));
    expect(res.body.errors).toBeUndefined();
    const report = res.body.data!.eraseDataSubject;
    expect(report.subgraph).toBe('users');
    // Payouts are bookkeeping: held six years (LEGAL_HOLD), the reference deleted; the payout account is deleted.
    expect(new Date(report.heldUntil!).getUTCFullYear()).toBe(new Date().getUTCFullYear() + 6);
    expect(await a.db.collection('payout_accounts').countDocuments({ proId: new mongoose.Types.ObjectId(jane.id) })).toBe(0);
    const payout = await a.db.collection('payouts').findOne({ proId: new mongoose.Types.ObjectId(jane.id) });
    expect(payout).toMatchObject({ amount: 12_000, currency: 'GBP', account: { holderName: jane.name }, heldUntil: expect.any(Date) });
    expect(payout?.reference ?? null).toBeNull();
    expect(Object.fromEntries(report.collections.map((c) => [c.collection, c.deleted]))).toMatchObject({
      users: 1, pro_images: 1, 'pro_media.files': 1, api_keys: 1, sessions: 1, mail_outbox: 2, payout_accounts: 1, payouts: 1,
    });

    const account = await userModel(a.db).findById(jane.id).lean();
    expect(account).toMatchObject({ name: '[erased]', disabledAt: expect.any(Date) });
    expect(account?.email).toBeUndefined();
    expect(account?.passwordHash ?? null).toBeNull();
    expect(await sessionModel(a.db).countDocuments({ userId: jane.id })).toBe(0);
    expect(await tokenModel(a.db).countDocuments({ userId: jane.id })).toBe(0);
    expect(await apiKeyModel(a.db).countDocuments({ ownerId: new mongoose.Types.ObjectId(jane.id) })).toBe(0);
    expect(await a.db.collection('pro_media.files').countDocuments({ 'metadata.proId': jane.id })).toBe(0);
    expect(await a.db.collection('pro_media.chunks').countDocuments()).toBe(1);
    const signIn = await a.call(SIGN_IN, { email: jane.email, password: PASSWORD }, anonymousFrom(newIp()));
    expect(signIn.body.errors?.map((e) => e.extensions?.code)).toEqual(['INVALID_CREDENTIALS']);

    // The other pro: everything still there, still signs in.
    expect(await userModel(a.db).findById(other.id).lean()).toMatchObject({ name: other.name, email: other.email, disabledAt: null });
    expect(await apiKeyModel(a.db).countDocuments({ ownerId: new mongoose.Types.ObjectId(other.id) })).toBe(1);
    await signInAs(a, other.email);

    // The holder name on the payout is held (LEGAL_HOLD): the caller leaves held values out of the scan.
    const after = await a.call<Hits>(SCAN, { input: { values: [...jane.values.filter((value) => value !== jane.name), jane.reference] } }, asService('privacy'));
    expect(after.body.data?.scanForValues).toEqual([]);
    const theirs = await a.call<Hits>(SCAN, { input: { values: [other.email] } }, asService('privacy'));
    expect(theirs.body.data?.scanForValues.map((hit) => `${hit.collection}.${hit.path}`)).toContain('users.email');

    // Idempotent: a second run changes nothing.
    const state = await snapshot(a.db);
    const again = await a.call<Report>(ERASE, { input: { subjectId: jane.id, requestId: requestId() } }, asService('privacy'));
    expect(again.body.data?.eraseDataSubject).toEqual({ subgraph: 'users', collections: [], heldUntil: report.heldUntil });
    expect(await snapshot(a.db)).toEqual(state);

    // The email index takes any number of erased accounts (none has an address).
    const second = await a.call<Report>(ERASE, { input: { subjectId: other.id, requestId: requestId() } }, asService('privacy'));
    expect(second.body.errors).toBeUndefined();
    expect(await userModel(a.db).countDocuments({ email: { $exists: false } })).toBe(2);
  });

  it('refuses bad input and callers other than a service, changing nothing', async () => {
    const a = await startAccounts(mongo);
    const jane = await seedPro(a, 'Janet Quillfeather');
    const state = await snapshot(a.db);
    const bad = await a.call(ERASE, { input: { subjectId: 'not-an-id', requestId: requestId() } }, asService('privacy'));
    expect(bad.body.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([['BAD_USER_INPUT', 'input.subjectId']]);
    const badRequest = await a.call(ERASE, { input: { subjectId: jane.id, requestId: 'x' } }, asService('privacy'));
    expect(badRequest.body.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    const tooMany = await a.call(SCAN, { input: { values: Array.from({ length: 5001 }, (_, i) => `value-${i}`) } }, asService('privacy'));
    expect(tooMany.body.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    const admin = await a.call(ERASE, { input: { subjectId: jane.id, requestId: requestId() } }, as('admin'));
    expect(admin.body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    const self = await a.call(SCAN, { input: { values: [jane.email] } }, as('pro', jane.id));
    expect(self.body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(await snapshot(a.db)).toEqual(state);
  });

  it('registers the retention job: a run with a controlled clock records its counts', async () => {
    const a = await startAccounts(mongo);
    const clock = manualClock(new Date('2027-01-01T00:00:00Z'));
    const scheduler = createScheduler({ db: a.db, clock, jobs: [personalDataRetentionJob(a.db)], instanceId: 'test' });
    const { runs } = await scheduler.runDueJobs();
    expect(runs.map((run) => [run.job, run.outcome])).toEqual([['users.retention-personal-data', 'ok']]);
    await scheduler.stop();
  });

  it('replaces the plain unique email index of an older database by the partial one at start', async () => {
    const dbName = uniqueDbName('users_legacy');
    const db = await connectDatabase(mongo.uri, dbName);
    await db.collection('users').createIndex({ email: 1 }, { unique: true, name: 'email_1' });
    const subgraph = await startSubgraph({ mongoUri: mongo.uri, dbName, smtpUrl: 'smtp://127.0.0.1:9' });
    try {
      const index = (await db.collection('users').indexes()).find((candidate) => candidate.name === 'email_1');
      expect(index).toMatchObject({ unique: true, partialFilterExpression: { email: { $exists: true } } });
    } finally {
      await subgraph.stop();
      await db.dropDatabase();
      await db.close();
    }
  });
});
