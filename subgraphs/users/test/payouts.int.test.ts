import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MongoHandle } from '@leadgraph/db';
import { createLogger } from '@leadgraph/logging';
import { mailOutbox, type MailCatcher } from '@leadgraph/mail';
import { accessLogModel, personalStorageOf, readPersonalDeclarations } from '@leadgraph/privacy-kit';
import { startSubgraph as startPrivacySubgraph } from '@leadgraph/subgraph-privacy';
import { graphql, startSubgraphUnderTest, startTestDatabase } from '@leadgraph/testing';
import { payoutAccountSchema, payoutSchema } from '../src/payouts/model.ts';
import { typeDefs } from '../src/server.ts';
import { ADMIN_REASON_HEADER } from '../src/context.ts';
import { identityHeaders, PASSWORD, signInAs, signUpVerified, startAccounts, type Accounts } from './helpers.ts';
import { asService } from './marketplace.ts';

let mongo: MongoHandle;
beforeAll(async () => {
  mongo = await startTestDatabase();
});
afterAll(() => mongo.stop());

/** No privacy subgraph: the security event of a change is best effort (tested with a real one below). */
const NO_PEERS = () => 'http://127.0.0.1:1/graphql';

const IBAN = 'GB82 WEST 1234 5698 7654 32';
const IBAN_CLEAR = 'GB82WEST12345698765432';
const ADDRESS = { line1: '12 Harbour Street', line2: 'Flat 3', city: 'Leith', postalCode: 'EH6 6LU', countryCode: 'gb' };
const ACCOUNT_INPUT = { holderName: 'Morag Fairweather', iban: IBAN, billingAddress: ADDRESS };

const SET = `mutation ($input: PayoutAccountInput!, $password: String!) {
  setMyPayoutAccount(input: $input, password: $password) { proId kind holderName iban sortCode accountNumber country billingAddress { line1 line2 city postalCode countryCode } }
}`;
const ACCOUNT_FIELDS = `payoutAccount { kind holderName iban sortCode accountNumber country billingAddress { line1 line2 city postalCode countryCode } }`;
const PAYOUT_FIELDS = `payouts(first: 10) { edges { node { id amount currency paidOn reference recordedBy heldUntil account { kind country holderName accountLast4 accountFingerprint } } } pageInfo { hasNextPage } }`;
const ME = `query { me { id ${ACCOUNT_FIELDS} ${PAYOUT_FIELDS} } }`;
const USER = `query ($id: ID!) { user(id: $id) { id ${ACCOUNT_FIELDS} ${PAYOUT_FIELDS} } }`;
const RECORD = `mutation ($input: RecordPayoutInput!) { recordPayout(input: $input) { id proId amount currency paidOn reference account { kind country holderName accountLast4 accountFingerprint } } }`;

type Errors = { errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
const ext = (body: Errors) => body.errors?.map((e) => ({ code: e.extensions?.code, reason: e.extensions?.reason, field: e.extensions?.field }));

/** The mails to `to` once `count` arrived (the outbox delivers within ~100 ms; waits up to ~5 s). */
async function mailsTo(catcher: MailCatcher, to: string, count = 1, subject = 'Your payout account was changed') {
  for (let i = 0; i < 100; i += 1) {
    const found = catcher.messages().filter((m) => m.envelope.to.includes(to) && m.subject === subject);
    if (found.length >= count) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`fewer than ${count} mail(s) to the recipient`);
}

/** A signed-in pro (real sign-up, confirmation and sign-in) on a users subgraph with a mail catcher. */
async function signedInPro(a: Accounts) {
  const { email } = await signUpVerified(a, { role: 'PRO', name: 'Morag Fairweather' });
  return { email, ...(await signInAs(a, email)) };
}

const admin = (reason?: string) => ({
  ...identityHeaders({ userId: new mongoose.Types.ObjectId().toHexString(), role: 'admin' }),
  ...(reason === undefined ? {} : { [ADMIN_REASON_HEADER]: reason }),
});

describe('setMyPayoutAccount', () => {
  it('refuses a bad IBAN, sort code or account number with BAD_USER_INPUT naming the field, and stores nothing', async () => {
    const a = await startAccounts(mongo, { peerUrl: NO_PEERS });
    const pro = await signedInPro(a);
    const cases = [
      [{ ...ACCOUNT_INPUT, iban: 'GB82 WEST 1234 5698 7654 31' }, 'input.iban', 'INVALID_BANK_ACCOUNT'],
      [{ ...ACCOUNT_INPUT, iban: 'DE89 3704 0044 0532 0130' }, 'input.iban', 'INVALID_BANK_ACCOUNT'],
      [{ ...ACCOUNT_INPUT, iban: 'ZZ82WEST12345698765432' }, 'input.iban', 'INVALID_BANK_ACCOUNT'],
      [{ holderName: 'Morag', sortCode: '12-34-5', accountNumber: '12345678', billingAddress: ADDRESS }, 'input.sortCode', 'INVALID_BANK_ACCOUNT'],
      [{ holderName: 'Morag', sortCode: '12-34-56', accountNumber: '1234567', billingAddress: ADDRESS }, 'input.accountNumber', 'INVALID_BANK_ACCOUNT'],
      [{ ...ACCOUNT_INPUT, sortCode: '12-34-56', accountNumber: '12345678' }, 'input.iban', 'INVALID_BANK_ACCOUNT'],
      [{ holderName: 'Morag', billingAddress: ADDRESS }, 'input.iban', 'INVALID_BANK_ACCOUNT'],
      [{ ...ACCOUNT_INPUT, billingAddress: { ...ADDRESS, countryCode: 'XX' } }, 'input.billingAddress.countryCode', 'INVALID_INPUT'],
      [{ ...ACCOUNT_INPUT, holderName: '  ' }, 'input.holderName', 'INVALID_INPUT'],
    ] as const;
    for (const [input, field, reason] of cases) {
      const res = await a.call(SET, { input, password: PASSWORD }, pro.headers());
      expect(ext(res.body)).toEqual([{ code: 'BAD_USER_INPUT', reason, field }]);
      expect(JSON.stringify(res.body)).not.toContain('1234');
    }
    expect(await a.db.collection('payout_accounts').countDocuments({})).toBe(0);
    expect(await mailOutbox(a.db).countDocuments({ template: 'payout-account-changed' })).toBe(0);
  });

  it('needs a recent sign-in and the password; pros only', async () => {
    const a = await startAccounts(mongo, { peerUrl: NO_PEERS });
    const pro = await signedInPro(a);
    const stale = await a.call(SET, { input: ACCOUNT_INPUT, password: PASSWORD }, pro.headers(Date.now() - 11 * 60_000));
    expect(ext(stale.body)?.map((e) => e.code)).toEqual(['REAUTH_REQUIRED']);
    const wrong = await a.call(SET, { input: ACCOUNT_INPUT, password: 'not the password at all' }, pro.headers());
    expect(ext(wrong.body)?.map((e) => e.code)).toEqual(['INVALID_CREDENTIALS']);
    const client = await signInAs(a, (await signUpVerified(a, { role: 'CLIENT' })).email);
    expect(ext((await a.call(SET, { input: ACCOUNT_INPUT, password: PASSWORD }, client.headers())).body)?.map((e) => e.code)).toEqual(['FORBIDDEN']);
    expect(await a.db.collection('payout_accounts').countDocuments({})).toBe(0);
  });

  it('stores an IBAN or a UK account, mails the pro the last 4 characters only, and logs no detail', async () => {
    const lines: string[] = [];
    const logger = createLogger('users-test', { level: 'debug', destination: { write: (line: string) => void lines.push(line) } });
    const a = await startAccounts(mongo, { logger, appUrl: 'https://app.test', peerUrl: NO_PEERS });
    const pro = await signedInPro(a);
    const res = await a.call<{ setMyPayoutAccount: Record<string, unknown> }>(SET, { input: ACCOUNT_INPUT, password: PASSWORD }, pro.headers());
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.setMyPayoutAccount).toEqual({
      proId: pro.userId,
      kind: 'IBAN',
      holderName: 'Morag Fairweather',
      iban: IBAN_CLEAR,
      sortCode: null,
      accountNumber: null,
      country: 'GB',
      billingAddress: { ...ADDRESS, countryCode: 'GB' },
    });
    const [mail] = await mailsTo(a.catcher, pro.email);
    expect(mail!.subject).toBe('Your payout account was changed');
    expect(mail!.text).toContain('ending in 5432');
    expect(mail!.text).toContain('https://app.test/settings/payouts');
    for (const body of [mail!.text, mail!.html ?? '']) for (const secret of [IBAN_CLEAR, '12345698', 'Harbour']) expect(body).not.toContain(secret);

    const uk = await a.call<{ setMyPayoutAccount: Record<string, unknown> }>(
      SET,
      { input: { holderName: 'Morag Fairweather', sortCode: '12 34 56', accountNumber: '8765 4321', billingAddress: ADDRESS }, password: PASSWORD },
      pro.headers(),
    );
    expect(uk.body.data?.setMyPayoutAccount).toMatchObject({ kind: 'UK_SORT_CODE', iban: null, sortCode: '12-34-56', accountNumber: '87654321', country: 'GB' });
    expect(await a.db.collection('payout_accounts').countDocuments({})).toBe(1);
    const mails = await mailsTo(a.catcher, pro.email, 2);
    expect(mails.map((m) => m.text).join('\n')).toContain('ending in 4321');
    const log = lines.join('\n');
    expect(log).toContain('payout_account.changed');
    for (const secret of [IBAN_CLEAR, '87654321', '123456', 'Harbour', 'Morag', pro.email]) expect(log).not.toContain(secret);
  });
});

describe('setMyPayoutAccount and the privacy subgraph', () => {
  it('records a PAYOUT_ACCOUNT_CHANGED security event in the pro\'s technical data', async () => {
    const privacy = await startSubgraphUnderTest((base) => startPrivacySubgraph({ ...base, schedulerPollMs: false }), mongo, 'privacy');
    const a = await startAccounts(mongo, { peerUrl: () => privacy.url });
    const pro = await signedInPro(a);
    expect((await a.call(SET, { input: ACCOUNT_INPUT, password: PASSWORD }, pro.headers())).body.errors).toBeUndefined();
    const events = await graphql<{ myTechnicalData: { edges: Array<{ node: { kind: string; securityEvent: string | null; ipAddress: string | null } }> } }>(
      privacy.url,
      `query { myTechnicalData(first: 10) { edges { node { kind securityEvent ipAddress } } } }`,
      {},
      pro.headers(),
    );
    expect(events.body.data?.myTechnicalData.edges.map((e) => e.node)).toContainEqual({ kind: 'SECURITY', securityEvent: 'PAYOUT_ACCOUNT_CHANGED', ipAddress: pro.identity.clientIp });
  });
});

describe('who sees payout details', () => {
  it('the pro in clear; an admin masked without a reason, in clear (and access-logged) with one; anyone else nothing', async () => {
    const a = await startAccounts(mongo, { peerUrl: NO_PEERS });
    const pro = await signedInPro(a);
    expect((await a.call(SET, { input: ACCOUNT_INPUT, password: PASSWORD }, pro.headers())).body.errors).toBeUndefined();
    const recorded = await a.call(RECORD, { input: { proId: pro.userId, amount: 125_50, currency: 'GBP', paidOn: '2026-11-02', reference: 'INV-2026-0042' } }, admin('support ticket 881'));
    expect(recorded.body.errors).toBeUndefined();

    const own = await a.call<{ me: Record<string, unknown> & { payouts: { edges: Array<{ node: Record<string, unknown> }> } } }>(ME, {}, pro.headers());
    expect(own.body.data?.me.payoutAccount).toMatchObject({ holderName: 'Morag Fairweather', iban: IBAN_CLEAR, billingAddress: { line1: '12 Harbour Street', city: 'Leith' } });
    expect(own.body.data?.me.payouts.edges[0]?.node).toMatchObject({ amount: 12550, currency: 'GBP', paidOn: '2026-11-02', reference: 'INV-2026-0042', account: { holderName: 'Morag Fairweather', accountLast4: '5432', country: 'GB', kind: 'IBAN' } });

    const masked = await a.call<{ user: Record<string, unknown> & { payouts: { edges: Array<{ node: Record<string, unknown> }> } } }>(USER, { id: pro.userId }, admin());
    expect(masked.body.data?.user.payoutAccount).toEqual({
      kind: 'IBAN',
      holderName: '[redacted]',
      iban: '•••• 5432',
      sortCode: null,
      accountNumber: null,
      country: 'GB',
      billingAddress: { line1: null, line2: null, city: 'Leith', postalCode: null, countryCode: null },
    });
    expect(masked.body.data?.user.payouts.edges[0]?.node).toMatchObject({
      amount: null,
      currency: null,
      paidOn: null,
      reference: '[redacted]',
      account: { holderName: '[redacted]', accountLast4: '••••', accountFingerprint: null, country: 'GB' },
    });

    const clear = await a.call<{ user: Record<string, unknown> }>(USER, { id: pro.userId }, admin('chargeback dispute 77'));
    expect(clear.body.data?.user.payoutAccount).toMatchObject({ holderName: 'Morag Fairweather', iban: IBAN_CLEAR, billingAddress: { line1: '12 Harbour Street' } });
    // The access log is written in batches (about once a second): wait for this read's entries.
    const wanted = ['PayoutAccount.iban', 'PayoutAccount.holderName', 'PayoutAccount.billingAddress', 'Payout.amount'];
    let entries: Array<{ actorRole: string | null; subjectIds: string[]; fields: string[]; reason: string }> = [];
    for (let i = 0; i < 60 && !wanted.every((f) => entries.some((e) => e.fields.includes(f))); i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      entries = await accessLogModel(a.db).find({ subjectIds: pro.userId, adminReason: 'chargeback dispute 77' }).lean();
    }
    expect(entries.flatMap((e) => e.fields)).toEqual(expect.arrayContaining(wanted));
    for (const entry of entries) expect(entry).toMatchObject({ actorRole: 'admin', subjectIds: [pro.userId], reason: 'ADMIN_WITH_REASON' });
    // The masked read before it was not logged (nothing was shown in clear).
    expect(await accessLogModel(a.db).countDocuments({ subjectIds: pro.userId, adminReason: null })).toBe(0);

    const others = {
      'another pro': identityHeaders({ userId: new mongoose.Types.ObjectId().toHexString(), role: 'pro' }),
      'a client': identityHeaders({ userId: new mongoose.Types.ObjectId().toHexString(), role: 'client' }),
      'an integrator reading personal data': identityHeaders({ userId: new mongoose.Types.ObjectId().toHexString(), role: 'client', scopes: ['personal:read'] }),
      'an anonymous caller': {},
    };
    for (const headers of Object.values(others)) {
      const res = await a.call<{ user: { payoutAccount: unknown; payouts: { edges: unknown[] } } }>(USER, { id: pro.userId }, headers);
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data?.user).toMatchObject({ payoutAccount: null, payouts: { edges: [] } });
    }
  });
});

describe('recordPayout', () => {
  it('keeps a snapshot of the account (holder, country, last 4, fingerprint), never the number; admins only', async () => {
    const a = await startAccounts(mongo, { peerUrl: NO_PEERS });
    const pro = await signedInPro(a);
    const input = { proId: pro.userId, amount: 9_900, currency: 'EUR', paidOn: '2026-10-31' };
    expect(ext((await a.call(RECORD, { input }, admin())).body)).toEqual([{ code: 'BAD_USER_INPUT', reason: 'NO_PAYOUT_ACCOUNT', field: 'input.proId' }]);
    expect((await a.call(SET, { input: ACCOUNT_INPUT, password: PASSWORD }, pro.headers())).body.errors).toBeUndefined();

    const res = await a.call<{ recordPayout: { account: { accountFingerprint: string } } }>(RECORD, { input }, admin('monthly payout run'));
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.recordPayout).toMatchObject({ proId: pro.userId, amount: 9900, currency: 'EUR', paidOn: '2026-10-31', reference: null, account: { kind: 'IBAN', country: 'GB', holderName: 'Morag Fairweather', accountLast4: '5432' } });
    expect(res.body.data?.recordPayout.account.accountFingerprint).toMatch(/^[0-9a-f]{64}$/);
    const stored = await a.db.collection('payouts').find({}).toArray();
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain('12345698');

    for (const [bad, field] of [
      [{ ...input, amount: 0 }, 'input.amount'],
      [{ ...input, paidOn: '2026-02-30' }, 'input.paidOn'],
      [{ ...input, paidOn: '2999-01-01' }, 'input.paidOn'],
      [{ ...input, proId: new mongoose.Types.ObjectId().toHexString() }, 'input.proId'],
      [{ ...input, proId: 'nope' }, 'input.proId'],
    ] as const) {
      expect(ext((await a.call(RECORD, { input: bad }, admin())).body)).toEqual([{ code: 'BAD_USER_INPUT', reason: 'INVALID_INPUT', field }]);
    }
    expect(ext((await a.call(RECORD, { input }, pro.headers())).body)?.map((e) => e.code)).toEqual(['FORBIDDEN']);
    expect(await a.db.collection('payouts').countDocuments({})).toBe(1);
  });
});

describe('payouts after an erasure', () => {
  it('keep only the held bookkeeping fields, with a heldUntil about six years ahead; the payout account is gone', async () => {
    const a = await startAccounts(mongo, { peerUrl: NO_PEERS });
    const pro = await signedInPro(a);
    expect((await a.call(SET, { input: ACCOUNT_INPUT, password: PASSWORD }, pro.headers())).body.errors).toBeUndefined();
    const recorded = await a.call(RECORD, { input: { proId: pro.userId, amount: 40_000, currency: 'GBP', paidOn: '2026-09-30', reference: 'INV-7' } }, admin('payout run'));
    expect(recorded.body.errors).toBeUndefined();

    const erase = `mutation ($input: EraseDataSubjectInput!) { eraseDataSubject(input: $input) { heldUntil } }`;
    const erased = await a.call<{ eraseDataSubject: { heldUntil: string | null } }>(erase, { input: { subjectId: pro.userId, requestId: new mongoose.Types.ObjectId().toHexString() } }, asService('privacy'));
    expect(erased.body.errors).toBeUndefined();
    const heldUntil = new Date(erased.body.data!.eraseDataSubject.heldUntil!);
    const years = (heldUntil.getTime() - Date.now()) / (365.25 * 24 * 3600 * 1000);
    expect(years).toBeGreaterThan(5.9);
    expect(years).toBeLessThan(6.1);

    const seen = await a.call<{ user: { payoutAccount: unknown; payouts: { edges: Array<{ node: Record<string, unknown> }> } } }>(USER, { id: pro.userId }, admin('erasure check'));
    expect(seen.body.data?.user.payoutAccount).toBeNull();
    expect(seen.body.data?.user.payouts.edges.map((e) => e.node)).toEqual([
      expect.objectContaining({
        amount: 40_000,
        currency: 'GBP',
        paidOn: '2026-09-30',
        reference: null,
        heldUntil: heldUntil.toISOString(),
        account: expect.objectContaining({ holderName: 'Morag Fairweather', accountLast4: '5432', accountFingerprint: expect.stringMatching(/^[0-9a-f]{64}$/) }),
      }),
    ]);
    expect(await a.db.collection('payout_accounts').countDocuments({})).toBe(0);
  });
});

describe('payout declarations', () => {
  it('holds only the bookkeeping fields for six years after an erasure; deletes the rest; every stored path is declared', () => {
    const declarations = readPersonalDeclarations(typeDefs);
    const of = (typeName: string) =>
      Object.fromEntries(declarations.fields.filter((f) => f.typeName === typeName).map((f) => [f.fieldName, [f.erasure, f.legalHoldFor?.text ?? null]]));
    const held = ['LEGAL_HOLD', 'P6Y'];
    expect(of('Payout')).toEqual({ amount: held, currency: held, paidOn: held, reference: ['DELETE', null] });
    expect(of('PayoutAccountSnapshot')).toEqual({ holderName: held, accountLast4: held, accountFingerprint: held });
    expect(of('PayoutAccount')).toEqual({
      holderName: ['DELETE', null],
      iban: ['DELETE', null],
      sortCode: ['DELETE', null],
      accountNumber: ['DELETE', null],
      billingAddress: ['DELETE', null],
    });
    expect(Object.keys(personalStorageOf(payoutAccountSchema)?.paths ?? {}).sort()).toEqual(['accountNumber', 'billingAddress', 'holderName', 'iban', 'sortCode']);
    expect(personalStorageOf(payoutSchema)?.paths).toEqual({
      amount: 'Payout.amount',
      currency: 'Payout.currency',
      paidOn: 'Payout.paidOn',
      reference: 'Payout.reference',
      'account.holderName': 'PayoutAccountSnapshot.holderName',
      'account.last4': 'PayoutAccountSnapshot.accountLast4',
      'account.fingerprint': 'PayoutAccountSnapshot.accountFingerprint',
    });
  });
});
