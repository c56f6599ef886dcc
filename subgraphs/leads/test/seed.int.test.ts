import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { connectDatabase, type MongoHandle } from '@leadgraph/db';
import { startTestDatabase, uniqueDbName } from '@leadgraph/testing';
import { LEAD_CATEGORIES } from '../src/models/lead.ts';
import { leadMatchesPro } from '../src/services/matching.ts';
import { SEED_PLACES, SEED_POSTAL_PREFIXES, clearLeads, seedMarketplace, type SeedPro } from '../src/seed/index.ts';
import { newId } from './support.ts';

let mongo: MongoHandle;
beforeAll(async () => {
  mongo = await startTestDatabase();
});
afterAll(() => mongo.stop());

/** A deterministic generator, so the test sees the same data every run. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe('seedMarketplace', () => {
  it('fills leads across countries and categories with matching responders, threads and completed hires', async () => {
    const db = await connectDatabase(mongo.uri, uniqueDbName('leads_seed'));
    onTestFinished(() => db.close());
    const random = seeded(7);
    const countries = Object.keys(SEED_POSTAL_PREFIXES) as Array<keyof typeof SEED_POSTAL_PREFIXES>;
    const pros: SeedPro[] = Array.from({ length: 60 }, (_, i) => {
      const countryCode = countries[i % countries.length]!;
      const prefixes = SEED_POSTAL_PREFIXES[countryCode];
      return {
        proId: newId(),
        matchable: i % 10 !== 0,
        categories: [LEAD_CATEGORIES[i % LEAD_CATEGORIES.length]!, LEAD_CATEGORIES[(i + 3) % LEAD_CATEGORIES.length]!],
        serviceAreas: [{ countryCode, postalPrefix: prefixes[i % prefixes.length]! }],
      };
    });
    const clientIds = Array.from({ length: 40 }, newId);
    const result = await seedMarketplace(db, { clientIds, pros, leads: 1500, random });

    expect(await db.collection('leads').countDocuments()).toBe(1500);
    expect(await db.collection('responses').countDocuments()).toBe(result.responses);
    expect(await db.collection('messages').countDocuments()).toBe(result.messages);
    expect(Object.values(result.byStatus).every((n) => n > 0)).toBe(true);
    expect(result.responses).toBeGreaterThan(0);
    expect(result.messages).toBeGreaterThan(0);
    expect(new Set((await db.collection('leads').distinct('location.countryCode')).sort())).toEqual(new Set(SEED_PLACES.map((p) => p.countryCode)));

    // Every responder matched the lead (contract C1) and is counted on it.
    const byId = new Map(pros.map((p) => [p.proId, p]));
    const sample = await db.collection('responses').find({}).limit(200).toArray();
    for (const response of sample) {
      const lead = await db.collection('leads').findOne({ _id: response.leadId });
      expect(leadMatchesPro(lead as never, byId.get(response.proId.toHexString())!)).toBe(true);
    }
    const counts = await db.collection('responses').aggregate([{ $group: { _id: '$leadId', n: { $sum: 1 } } }]).toArray();
    for (const { _id, n } of counts.slice(0, 200)) {
      expect((await db.collection('leads').findOne({ _id }))?.responseCount).toBe(n);
    }

    // What the reviews seed needs: completed leads with their hired pro, as stored.
    expect(result.completedLeads).toHaveLength(result.byStatus.COMPLETED);
    const first = result.completedLeads[0]!;
    expect(await db.collection('leads').findOne({ _id: first.leadId })).toMatchObject({
      status: 'COMPLETED',
      clientId: first.clientId,
      hiredProId: first.hiredProId,
      completedAt: first.completedAt,
    });
    expect(await db.collection('responses').countDocuments({ leadId: first.leadId, proId: first.hiredProId })).toBe(1);

    expect(await clearLeads(db)).toBe(1500 + result.responses + result.messages);
  });

  it('adds completed history leads until minCompleted is reached, each hired from a matching response', async () => {
    const db = await connectDatabase(mongo.uri, uniqueDbName('leads_seed'));
    onTestFinished(() => db.close());
    const pros: SeedPro[] = [
      { proId: newId(), matchable: true, categories: ['MOVING'], serviceAreas: [{ countryCode: 'FR', postalPrefix: '75' }] },
      { proId: newId(), matchable: true, categories: ['CLEANING', 'EVENTS'], serviceAreas: [{ countryCode: 'GB', postalPrefix: 'SW1' }] },
    ];
    const result = await seedMarketplace(db, { clientIds: [newId(), newId()], pros, leads: 100, minCompleted: 400, random: seeded(11) });
    expect(result.completedLeads).toHaveLength(400);
    expect(result.byStatus.COMPLETED).toBe(400);
    expect(await db.collection('leads').countDocuments({ status: 'COMPLETED' })).toBe(400);
    expect(await db.collection('leads').countDocuments()).toBe(result.leads);
    const byId = new Map(pros.map((p) => [p.proId, p]));
    for (const done of result.completedLeads.slice(-50)) {
      const lead = await db.collection('leads').findOne({ _id: done.leadId });
      expect(leadMatchesPro(lead as never, byId.get(done.hiredProId.toHexString())!)).toBe(true);
      expect(await db.collection('responses').countDocuments({ leadId: done.leadId, proId: done.hiredProId })).toBe(1);
      expect(lead?.completedAt.getTime()).toBeLessThan(Date.now() - 200 * 24 * 3600 * 1000);
    }
  });
});
