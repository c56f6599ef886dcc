import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { TEST_ARGON2, verifyPassword } from '@leadgraph/auth';
import { connectDatabase, type MongoHandle } from '@leadgraph/db';
import { startTestDatabase, uniqueDbName } from '@leadgraph/testing';
import { proVerificationAuditModel } from '../src/models/pro-verification-audit.ts';
import { userModel, type UserRecord } from '../src/models/user.ts';
import { SEED_AREAS, clearUsers, seedMarketplace, seedUserId } from '../src/seed/index.ts';
import { isMatchable } from '../src/services/pro-match-profiles.ts';

let mongo: MongoHandle;
beforeAll(async () => {
  mongo = await startTestDatabase();
});
afterAll(() => mongo.stop());

async function freshDb() {
  const db = await connectDatabase(mongo.uri, uniqueDbName('users-seed'));
  onTestFinished(() => db.close());
  return db;
}

describe('seedMarketplace', () => {
  it('creates 1,000 pros with profiles and clients, with stable ids, one shared password hash, and returns them', async () => {
    const db = await freshDb();
    const seeded = await seedMarketplace(db, { argon2: TEST_ARGON2 });
    expect(seeded.pros).toHaveLength(1000);
    expect(seeded.clients).toHaveLength(2000);
    expect(seeded.admins).toHaveLength(3);
    expect(seeded.pros[0]!.id).toBe(seedUserId('pro', 0));
    expect(seeded.clients[41]!.id).toBe(seedUserId('client', 41));

    const User = userModel(db);
    expect(await User.countDocuments({ role: 'pro', 'proProfile.verification.status': { $exists: true } })).toBe(1000);
    const byStatus = Object.fromEntries(
      await Promise.all((['VERIFIED', 'PENDING', 'REJECTED'] as const).map(async (s) => [s, await User.countDocuments({ 'proProfile.verification.status': s })])),
    );
    expect(byStatus.VERIFIED).toBeGreaterThan(750);
    expect(byStatus.PENDING).toBeGreaterThan(20);
    expect(byStatus.REJECTED).toBeGreaterThan(20);
    expect(byStatus.VERIFIED + byStatus.PENDING + byStatus.REJECTED).toBe(1000);
    const pros = await User.find({ role: 'pro' }).lean<UserRecord[]>();
    expect(pros.filter(isMatchable)).toHaveLength(byStatus.VERIFIED);
    for (const pro of pros) {
      for (const area of pro.proProfile!.serviceAreas) {
        expect(Object.keys(SEED_AREAS)).toContain(area.countryCode);
        expect(area.postalPrefix === '' || SEED_AREAS[area.countryCode]!.includes(area.postalPrefix ?? '')).toBe(true);
      }
      expect(pro.proProfile!.categories.length).toBeGreaterThan(0);
    }
    const hashes = new Set((await User.find({}, { passwordHash: 1 }).lean<UserRecord[]>()).map((u) => u.passwordHash));
    expect(hashes.size).toBe(1);
    expect(await verifyPassword([...hashes][0]!, seeded.password, TEST_ARGON2)).toBe(true);
    // Every decision seeded has its audit trail: a submission per pro, a decision per decided one.
    expect(await proVerificationAuditModel(db).countDocuments({ event: 'SUBMIT' })).toBe(1000);
    expect(await proVerificationAuditModel(db).countDocuments({ event: { $in: ['VERIFY', 'REJECT'] } })).toBe(byStatus.VERIFIED + byStatus.REJECTED);
  });

  it('is reproducible: the same seed gives the same accounts after clearUsers', async () => {
    const db = await freshDb();
    const first = await seedMarketplace(db, { argon2: TEST_ARGON2, pros: 30, clients: 10, admins: 1 });
    await clearUsers(db);
    const second = await seedMarketplace(db, { argon2: TEST_ARGON2, pros: 30, clients: 10, admins: 1 });
    expect(second.pros).toEqual(first.pros);
    expect(second.clients).toEqual(first.clients);
    expect(await userModel(db).countDocuments({})).toBe(41);
  });
});
