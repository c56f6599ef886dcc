import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MongoHandle } from '@leadgraph/db';
import { startTestDatabase } from '@leadgraph/testing';
import { ADMIN_REASON_HEADER } from '../src/context.ts';
import { proVerificationAuditModel } from '../src/models/pro-verification-audit.ts';
import { userModel, type UserRecord } from '../src/models/user.ts';
import { createUser } from '../src/seed/index.ts';
import { PROFILE_INPUT, PROFILE_OF, UPDATE_PROFILE, as, codes, startMarketplace } from './marketplace.ts';

let mongo: MongoHandle;
beforeAll(async () => {
  mongo = await startTestDatabase();
});
afterAll(() => mongo.stop());

type Profile = { proId: string; verification: { status: string; reason: string | null; decidedBy: string | null }; [k: string]: unknown };

describe('updateMyProProfile', () => {
  it('creates a PENDING profile, normalised, audited as a submission', async () => {
    const m = await startMarketplace(mongo);
    const pro = await createUser(m.db, { role: 'pro' });
    const proId = pro._id.toHexString();
    const res = await m.call<{ updateMyProProfile: Profile }>(UPDATE_PROFILE, { input: PROFILE_INPUT }, as('pro', proId));
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.updateMyProProfile).toMatchObject({
      proId,
      companyName: 'Fairweather Removals',
      categories: ['MOVING', 'CLEANING'],
      serviceAreas: [
        { countryCode: 'GB', postalPrefix: 'SW1' },
        { countryCode: 'GB', postalPrefix: 'E1' },
      ],
      businessEmail: 'office@fairweather.example',
      businessPhone: '+44 20 7946 0958',
      website: 'https://fairweather.example',
      verification: { status: 'PENDING', reason: null, decidedAt: null, decidedBy: null },
    });
    const audit = await proVerificationAuditModel(m.db).find({ proId: pro._id }).lean();
    expect(audit).toMatchObject([{ actorId: proId, actorRole: 'pro', event: 'SUBMIT', from: null, to: 'PENDING', reason: null }]);
    expect(audit[0]!.at).toBeInstanceOf(Date);
  });

  it.each([
    ['an unknown country', { serviceAreas: [{ countryCode: 'UK', postalPrefix: '' }] }, 'serviceAreas.0.countryCode'],
    ['a three-letter country', { serviceAreas: [{ countryCode: 'GBR' }] }, 'serviceAreas.0.countryCode'],
    ['a prefix with punctuation', { serviceAreas: [{ countryCode: 'FR', postalPrefix: '75-01' }] }, 'serviceAreas.0.postalPrefix'],
    ['a prefix longer than 10', { serviceAreas: [{ countryCode: 'NL', postalPrefix: '12345678901' }] }, 'serviceAreas.0.postalPrefix'],
    ['the same area twice', { serviceAreas: [{ countryCode: 'gb', postalPrefix: 'e1' }, { countryCode: 'GB', postalPrefix: 'E 1' }] }, 'serviceAreas'],
    ['no area', { serviceAreas: [] }, 'serviceAreas'],
    ['no category', { categories: [] }, 'categories'],
    ['a duplicate category', { categories: ['MOVING', 'MOVING'] }, 'categories'],
    ['a blank company name', { companyName: '   ' }, 'companyName'],
    ['a bad business email', { businessEmail: 'not-an-address' }, 'businessEmail'],
    ['a bad phone', { businessPhone: 'call me maybe' }, 'businessPhone'],
    ['a javascript: website', { website: 'javascript:alert(1)' }, 'website'],
  ])('refuses %s with BAD_USER_INPUT naming the field, storing nothing', async (_label, change, field) => {
    const m = await startMarketplace(mongo);
    const pro = await createUser(m.db, { role: 'pro' });
    const res = await m.call(UPDATE_PROFILE, { input: { ...PROFILE_INPUT, ...change } }, as('pro', pro._id.toHexString()));
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.body.errors?.[0]?.message).toBe(`Invalid value for: ${field}`);
    const stored = await userModel(m.db).findById(pro._id).lean<UserRecord>();
    expect(stored?.proProfile).toBeUndefined();
    expect(stored?.companyName).toBeNull();
    expect(await proVerificationAuditModel(m.db).countDocuments({})).toBe(0);
  });

  it('is for pros only: UNAUTHENTICATED anonymous, FORBIDDEN for clients, admins and closed pro accounts', async () => {
    const m = await startMarketplace(mongo);
    expect(codes(await m.call(UPDATE_PROFILE, { input: PROFILE_INPUT }))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await m.call(UPDATE_PROFILE, { input: PROFILE_INPUT }, as('client')))).toEqual(['FORBIDDEN']);
    expect(codes(await m.call(UPDATE_PROFILE, { input: PROFILE_INPUT }, as('admin')))).toEqual(['FORBIDDEN']);
    const closed = await createUser(m.db, { role: 'pro', disabledAt: new Date() });
    expect(codes(await m.call(UPDATE_PROFILE, { input: PROFILE_INPUT }, as('pro', closed._id.toHexString())))).toEqual(['FORBIDDEN']);
    // A pro identity whose account is a client's (role changed since sign-in) is refused too.
    const client = await createUser(m.db, { role: 'client' });
    expect(codes(await m.call(UPDATE_PROFILE, { input: PROFILE_INPUT }, as('pro', client._id.toHexString())))).toEqual(['FORBIDDEN']);
    expect(await userModel(m.db).countDocuments({ proProfile: { $exists: true } })).toBe(0);
  });

  it('shows a profile publicly only once VERIFIED; the pro and admins always; contact details masked for others', async () => {
    const m = await startMarketplace(mongo);
    const pro = await createUser(m.db, { role: 'pro' });
    const proId = pro._id.toHexString();
    await m.call(UPDATE_PROFILE, { input: PROFILE_INPUT }, as('pro', proId));
    const view = async (headers?: Record<string, string>) =>
      (await m.call<{ user: { proProfile: Profile | null } }>(PROFILE_OF, { id: proId }, headers)).body.data?.user.proProfile;
    expect(await view()).toBeNull();
    expect(await view(as('client'))).toBeNull();
    expect((await view(as('pro', proId)))?.verification.status).toBe('PENDING');
    const adminId = (await createUser(m.db, { role: 'admin' }))._id.toHexString();
    expect((await view(as('admin', adminId)))?.verification.status).toBe('PENDING');

    await m.call('mutation ($id: ID!) { reviewPro(input: { proId: $id, decision: VERIFY }) { proId } }', { id: proId }, as('admin', adminId));
    const publicView = await view();
    expect(publicView).toMatchObject({
      companyName: 'Fairweather Removals',
      website: 'https://fairweather.example',
      businessEmail: 'o***@f***.example',
      businessPhone: '•••• 0958',
      verification: { status: 'VERIFIED', reason: null, decidedBy: null },
    });
    expect(await view(as('pro', proId))).toMatchObject({ businessEmail: 'office@fairweather.example', businessPhone: '+44 20 7946 0958', verification: { decidedBy: adminId } });
    expect(await view({ ...as('admin', adminId), [ADMIN_REASON_HEADER]: 'verification call-back' })).toMatchObject({ businessPhone: '+44 20 7946 0958' });
    // A closed account's profile disappears for the public.
    await userModel(m.db).updateOne({ _id: pro._id }, { $set: { disabledAt: new Date() } });
    expect(await view()).toBeNull();
    expect(await view(as('admin', adminId))).not.toBeNull();
    // Clients and admins have no pro profile.
    const client = await createUser(m.db, { role: 'client' });
    expect((await m.call<{ user: { proProfile: null } }>(PROFILE_OF, { id: client._id.toHexString() })).body.data?.user.proProfile).toBeNull();
  });
});
