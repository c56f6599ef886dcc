import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MongoHandle } from '@leadgraph/db';
import { startTestDatabase } from '@leadgraph/testing';
import { ADMIN_REASON_HEADER } from '../src/context.ts';
import { proImageModel } from '../src/models/pro-image.ts';
import { proVerificationAuditModel } from '../src/models/pro-verification-audit.ts';
import { userModel, type UserRecord } from '../src/models/user.ts';
import { createUser, fakeProProfile, insertUsers } from '../src/seed/index.ts';
import { PROFILE_INPUT, REVIEW, UPDATE_PROFILE, as, codes, reasons, startMarketplace } from './marketplace.ts';

let mongo: MongoHandle;
beforeAll(async () => {
  mongo = await startTestDatabase();
});
afterAll(() => mongo.stop());

type Verification = { status: string; reason: string | null; decidedAt: string | null; decidedBy: string | null };
type Reviewed = { reviewPro: { proId: string; verification: Verification } };
type Updated = { updateMyProProfile: { verification: Verification } };

async function submittedPro(m: Awaited<ReturnType<typeof startMarketplace>>) {
  const pro = await createUser(m.db, { role: 'pro' });
  const proId = pro._id.toHexString();
  const res = await m.call(UPDATE_PROFILE, { input: PROFILE_INPUT }, as('pro', proId));
  expect(res.body.errors).toBeUndefined();
  return proId;
}

const stored = async (m: Awaited<ReturnType<typeof startMarketplace>>, proId: string) =>
  (await userModel(m.db).findById(proId).lean<UserRecord>())?.proProfile?.verification;

describe('pro verification', () => {
  it('runs submit → reject (with reason) → resubmit → verify → revoke, auditing each step', async () => {
    const m = await startMarketplace(mongo);
    const proId = await submittedPro(m);
    const adminId = new mongoose.Types.ObjectId().toHexString();
    const admin = as('admin', adminId);

    // The reason is personal data of the pro: in clear for an admin only with a stated purpose.
    const withPurpose = { ...admin, [ADMIN_REASON_HEADER]: 'verification queue' };
    const rejected = await m.call<Reviewed>(REVIEW, { input: { proId, decision: 'REJECT', reason: '  Proof of insurance missing. ' } }, withPurpose);
    expect(rejected.body.data?.reviewPro.verification).toMatchObject({ status: 'REJECTED', reason: 'Proof of insurance missing.', decidedBy: adminId });
    const verificationOf = async (headers: Record<string, string>) =>
      (
        await m.call<{ user: { proProfile: { verification: Verification } } }>(
          'query ($id: ID!) { user(id: $id) { proProfile { verification { status reason } } } }',
          { id: proId },
          headers,
        )
      ).body.data?.user.proProfile.verification;
    // The pro sees why; an admin without a stated purpose does not; nobody else sees the profile at all.
    expect(await verificationOf(as('pro', proId))).toEqual({ status: 'REJECTED', reason: 'Proof of insurance missing.' });
    expect(await verificationOf(admin)).toEqual({ status: 'REJECTED', reason: null });
    expect(await verificationOf(withPurpose)).toEqual({ status: 'REJECTED', reason: 'Proof of insurance missing.' });

    const resubmitted = await m.call<Updated>(UPDATE_PROFILE, { input: { ...PROFILE_INPUT, description: 'Insured (certificate on file).' } }, as('pro', proId));
    expect(resubmitted.body.data?.updateMyProProfile.verification).toMatchObject({ status: 'PENDING', reason: null, decidedAt: null, decidedBy: null });

    const verified = await m.call<Reviewed>(REVIEW, { input: { proId, decision: 'VERIFY' } }, admin);
    expect(verified.body.data?.reviewPro.verification).toMatchObject({ status: 'VERIFIED', reason: null, decidedBy: adminId });
    expect(verified.body.data?.reviewPro.verification.decidedAt).toMatch(/^\d{4}-\d\d-\d\dT/);

    const revoked = await m.call<Reviewed>(REVIEW, { input: { proId, decision: 'REJECT', reason: 'Complaints about no-shows.' } }, admin);
    expect(revoked.body.data?.reviewPro.verification.status).toBe('REJECTED');

    const audit = await proVerificationAuditModel(m.db).find({ proId: new mongoose.Types.ObjectId(proId) }).sort({ at: 1, _id: 1 }).lean();
    expect(audit.map((a) => [a.event, a.from, a.to, a.actorRole, a.actorId, a.reason])).toEqual([
      ['SUBMIT', null, 'PENDING', 'pro', proId, null],
      ['REJECT', 'PENDING', 'REJECTED', 'admin', adminId, 'Proof of insurance missing.'],
      ['SUBMIT', 'REJECTED', 'PENDING', 'pro', proId, null],
      ['VERIFY', 'PENDING', 'VERIFIED', 'admin', adminId, null],
      ['REJECT', 'VERIFIED', 'REJECTED', 'admin', adminId, 'Complaints about no-shows.'],
    ]);
    for (const entry of audit) expect(entry.at).toBeInstanceOf(Date);
  });

  it('refuses a rejection without a reason, an impossible transition, an unknown pro and non-admins; nothing changes', async () => {
    const m = await startMarketplace(mongo);
    const proId = await submittedPro(m);
    const admin = as('admin');
    const before = await stored(m, proId);

    for (const reason of [undefined, null, '   ']) {
      const res = await m.call(REVIEW, { input: { proId, decision: 'REJECT', reason } }, admin);
      expect(codes(res)).toEqual(['BAD_USER_INPUT']);
      expect(res.body.errors?.[0]?.message).toBe('Invalid value for: reason');
    }
    expect(codes(await m.call(REVIEW, { input: { proId, decision: 'VERIFY' } }, as('client')))).toEqual(['FORBIDDEN']);
    expect(codes(await m.call(REVIEW, { input: { proId, decision: 'VERIFY' } }, as('pro', proId)))).toEqual(['FORBIDDEN']);
    expect(codes(await m.call(REVIEW, { input: { proId, decision: 'VERIFY' } }))).toEqual(['UNAUTHENTICATED']);
    const unknown = await m.call(REVIEW, { input: { proId: new mongoose.Types.ObjectId().toHexString(), decision: 'VERIFY' } }, admin);
    expect(codes(unknown)).toEqual(['NOT_FOUND']);
    const client = await createUser(m.db, { role: 'client' });
    expect(codes(await m.call(REVIEW, { input: { proId: client._id.toHexString(), decision: 'VERIFY' } }, admin))).toEqual(['NOT_FOUND']);
    expect(codes(await m.call(REVIEW, { input: { proId: 'nope', decision: 'VERIFY' } }, admin))).toEqual(['BAD_USER_INPUT']);
    expect(await stored(m, proId)).toEqual(before);
    expect(await proVerificationAuditModel(m.db).countDocuments({ event: { $ne: 'SUBMIT' } })).toBe(0);

    await m.call(REVIEW, { input: { proId, decision: 'VERIFY' } }, admin);
    const again = await m.call(REVIEW, { input: { proId, decision: 'VERIFY' } }, admin);
    expect(codes(again)).toEqual(['CONFLICT']);
    expect(reasons(again)).toEqual(['INVALID_TRANSITION']);
    expect(await proVerificationAuditModel(m.db).countDocuments({ event: 'VERIFY' })).toBe(1);
  });

  it('keeps a verified profile verified for new areas, fewer categories and text; a new category or name resubmits it', async () => {
    const m = await startMarketplace(mongo);
    const proId = await submittedPro(m);
    await m.call(REVIEW, { input: { proId, decision: 'VERIFY' } }, as('admin'));
    const edit = (change: Record<string, unknown>) => m.call<Updated>(UPDATE_PROFILE, { input: { ...PROFILE_INPUT, ...change } }, as('pro', proId));
    for (const change of [{ description: 'Now with a van lift.' }, { serviceAreas: [{ countryCode: 'FR', postalPrefix: '75' }] }, { categories: ['MOVING'] }]) {
      expect((await edit(change)).body.data?.updateMyProProfile.verification.status).toBe('VERIFIED');
    }
    expect((await edit({ categories: ['MOVING', 'TRAVEL'] })).body.data?.updateMyProProfile.verification.status).toBe('PENDING');
    await m.call(REVIEW, { input: { proId, decision: 'VERIFY' } }, as('admin'));
    expect((await edit({ categories: ['MOVING', 'TRAVEL'], companyName: 'Fairweather & Sons' })).body.data?.updateMyProProfile.verification.status).toBe('PENDING');
    expect(await proVerificationAuditModel(m.db).countDocuments({ event: 'SUBMIT' })).toBe(3);
  });
});

const QUEUE = `query ($first: Int, $after: String, $status: ProVerificationStatus) {
  proVerificationQueue(first: $first, after: $after, status: $status) {
    edges { cursor node { id proProfile { companyName verification { status submittedAt } logo { url } images { url } } } }
    pageInfo { hasNextPage endCursor }
  }
}`;
type Queue = { proVerificationQueue: { edges: Array<{ node: { id: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };

/** Pros with profiles of `status`, submitted one minute apart from `start`, in random insertion order. */
async function queuedPros(db: Parameters<typeof insertUsers>[0], n: number, status: 'PENDING' | 'VERIFIED', start = Date.UTC(2026, 0, 1)) {
  const inputs = Array.from({ length: n }, (_, i) => ({
    role: 'pro' as const,
    companyName: `Pro ${i}`,
    proProfile: fakeProProfile({ status, submittedAt: new Date(start + i * 60_000) }),
  }));
  const shuffled = [...inputs].sort(() => Math.random() - 0.5);
  const users = await insertUsers(db, shuffled);
  return users.sort((a, b) => a.proProfile!.verification.submittedAt.getTime() - b.proProfile!.verification.submittedAt.getTime()).map((u) => u._id.toHexString());
}

describe('proVerificationQueue', () => {
  it('lists one status, oldest submission first, page by page; admins only', async () => {
    const m = await startMarketplace(mongo);
    const pending = await queuedPros(m.db, 5, 'PENDING');
    const verified = await queuedPros(m.db, 2, 'VERIFIED');
    await createUser(m.db, { role: 'pro', disabledAt: new Date(), proProfile: fakeProProfile({ status: 'PENDING' }) });
    const seen: string[] = [];
    let after: string | null = null;
    const more: boolean[] = [];
    for (let i = 0; i < 3; i += 1) {
      const res: Awaited<ReturnType<typeof m.call<Queue>>> = await m.call<Queue>(QUEUE, { first: 2, after }, as('admin'));
      expect(res.body.errors).toBeUndefined();
      const page = res.body.data!.proVerificationQueue;
      seen.push(...page.edges.map((e) => e.node.id));
      more.push(page.pageInfo.hasNextPage);
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(pending);
    expect(more).toEqual([true, true, false]);
    const ok = await m.call<Queue>(QUEUE, { status: 'VERIFIED' }, as('admin'));
    expect(ok.body.data?.proVerificationQueue.edges.map((e) => e.node.id)).toEqual(verified);

    expect(codes(await m.call(QUEUE, {}, as('pro')))).toEqual(['FORBIDDEN']);
    expect(codes(await m.call(QUEUE, {}, as('client')))).toEqual(['FORBIDDEN']);
    expect(codes(await m.call(QUEUE, { first: 101 }, as('admin')))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await m.call(QUEUE, { after: 'bogus' }, as('admin')))).toEqual(['BAD_USER_INPUT']);
  });

  it('costs the same number of database operations for a page of 2 and a page of 40', async () => {
    const operations: string[] = [];
    const m = await startMarketplace(mongo, { onDatabaseOperation: (collection, method) => operations.push(`${collection}.${method}`) });
    const ids = await queuedPros(m.db, 40, 'PENDING');
    // Images on every profile, so the page resolves logos and galleries too.
    await proImageModel(m.db).insertMany(
      ids.flatMap((id, i) => [
        { proId: id, kind: 'LOGO', sha256: `${i}`.padStart(64, 'a'), contentType: 'image/png', byteSize: 10 },
        { proId: id, kind: 'GALLERY', sha256: `${i}`.padStart(64, 'b'), contentType: 'image/png', byteSize: 10 },
      ]),
    );
    // The request's own operations: the outbox worker, the access-log writer and the retention scheduler run meanwhile.
    const count = async (first: number) => {
      operations.length = 0;
      const res = await m.call<Queue>(QUEUE, { first }, as('admin'));
      expect(res.body.data?.proVerificationQueue.edges).toHaveLength(first);
      return operations.filter((op) => !op.startsWith('mail_outbox.') && !op.startsWith('privacy_access_log.') && !op.startsWith('scheduler_'));
    };
    const small = await count(2);
    const large = await count(40);
    expect(small).toEqual(['users.find', 'pro_images.find']);
    expect(large).toEqual(small);
  });
});
