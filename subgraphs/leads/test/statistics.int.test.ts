import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { Types } from 'mongoose';
import { connectDatabase, type MongoHandle } from '@leadgraph/db';
import { DEV_IDENTITY_SIGNING_KEY, IDENTITY_HEADER, signAssertion, type Identity } from '@leadgraph/identity';
import { graphql, startTestDatabase, uniqueDbName } from '@leadgraph/testing';
// The real reviews subgraph, by path: a workspace dependency would be a cycle (reviews' tests start leads).
import { startSubgraph as startReviews } from '../../reviews/src/server.ts';
import { createReviews } from '../../reviews/src/seed/index.ts';
import { createLeads, createResponses } from '../src/seed/index.ts';
import { caller, newId, setupLeads } from './support.ts';

let mongo: MongoHandle;
beforeAll(async () => {
  mongo = await startTestDatabase();
});
afterAll(() => mongo.stop());

const K = 4;
const STATISTICS = /* GraphQL */ `
  query ($input: PartnerStatisticsInput!) {
    partnerStatistics(input: $input) {
      from to minGroupSize suppressedLeadGroups suppressedReviewGroups
      leadGroups { month category countryCode leadCount medianBudgets { currency median } medianMinutesToFirstResponse }
      reviewGroups { category reviewCount averageRating }
    }
  }
`;
const PERIOD = { from: '2026-03-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' };

/** An integrator's API-key identity (as the gateway signs it): the owner's role and the key's scopes. */
function integrator(url: string, scopes: string[]) {
  const identity: Identity = { userId: newId(), role: 'client', sessionId: null, authenticatedAt: null, scopes, clientIp: null };
  const headers = { [IDENTITY_HEADER]: signAssertion(identity, DEV_IDENTITY_SIGNING_KEY) };
  return (variables: Record<string, unknown>) => graphql(url, STATISTICS, variables, headers);
}

/** The real reviews subgraph on its own database, and a connection to seed it. */
async function realReviews() {
  const dbName = uniqueDbName('reviews');
  const reviews = await startReviews({ mongoUri: mongo.uri, dbName, peerUrl: () => 'http://127.0.0.1:9/graphql' });
  const db = await connectDatabase(mongo.uri, dbName);
  onTestFinished(async () => {
    await db.close();
    await reviews.stop();
  });
  return { url: `${reviews.url}/graphql`, db };
}

/**
 * March 2026, France: MOVING has 4 leads from 4 distinct clients (= K: shown); CLEANING has 5
 * leads from only 3 distinct clients (K − 1: suppressed, whatever its lead count). Every lead is
 * completed and reviewed by its client.
 */
async function seedMarch(leadsDb: Parameters<typeof createLeads>[0], reviewsDb: Parameters<typeof createReviews>[0]) {
  const movingClients = [newId(), newId(), newId(), newId()];
  const cleaningClients = [newId(), newId(), newId()];
  const base = Date.parse('2026-03-10T09:00:00.000Z');
  const inputs = [
    ...movingClients.map((clientId, i) => ({ clientId, category: 'MOVING' as const, i })),
    ...[0, 1, 2, 0, 1].map((c, i) => ({ clientId: cleaningClients[c]!, category: 'CLEANING' as const, i })),
  ].map(({ clientId, category, i }) => ({
    clientId,
    category,
    title: `Secret title ${category} ${i}`,
    createdAt: new Date(base + i * 3_600_000),
    status: 'COMPLETED' as const,
    countryCode: 'FR',
    city: 'Paris',
    postalCode: '75011',
    hiredProId: newId(),
    completedAt: new Date(base + 10 * 86_400_000),
  }));
  const leads = await createLeads(leadsDb, inputs);
  // Budgets (EUR): MOVING 100, 200, 300, 400 € → median 250 €.
  await Promise.all(
    leads.map((lead, i) =>
      leadsDb.collection('leads').updateOne({ _id: lead._id }, { $set: { budget: { min: (i + 1) * 10_000, max: (i + 1) * 10_000, currency: 'EUR' } } }),
    ),
  );
  // First responses after 30, 60, 90, 120 minutes (MOVING) → median 75; a later second response does not count.
  await createResponses(leadsDb, [
    ...leads.map((lead, i) => ({ lead, proId: new Types.ObjectId(), createdAt: new Date(lead.createdAt.getTime() + ((i % 4) + 1) * 30 * 60_000) })),
    { lead: leads[0]!, proId: new Types.ObjectId(), createdAt: new Date(leads[0]!.createdAt.getTime() + 600 * 60_000) },
  ]);
  // Reviews: MOVING 5, 4, 4, 3 by 4 authors → 4.0; CLEANING by 3 authors → suppressed.
  const ratings = [5, 4, 4, 3, 1, 1, 1, 1, 1];
  await createReviews(
    reviewsDb,
    leads.map((lead, i) => ({ leadId: lead._id, authorId: lead.clientId, proId: lead.hiredProId!, rating: ratings[i]!, body: `Secret review text number ${i}` })),
  );
  return { leads, clients: [...movingClients, ...cleaningClients] };
}

describe('partner statistics', () => {
  it('reports groups of at least K distinct people and only counts smaller ones: no ids, names or free text', async () => {
    const reviews = await realReviews();
    const { url, db } = await setupLeads(mongo, { statisticsMinGroupSize: K, reviewsUrl: reviews.url, schedulerPollMs: false });
    const { leads, clients } = await seedMarch(db, reviews.db);
    const admin = caller(url, 'admin');

    const res = await admin.ask<{ partnerStatistics: Record<string, unknown> }>(STATISTICS, { input: PERIOD });
    expect(res.body).toEqual({
      data: {
        partnerStatistics: {
          ...PERIOD,
          minGroupSize: K,
          leadGroups: [
            {
              month: '2026-03',
              category: 'MOVING',
              countryCode: 'FR',
              leadCount: 4,
              medianBudgets: [{ currency: 'EUR', median: 25_000 }],
              medianMinutesToFirstResponse: 75,
            },
          ],
          suppressedLeadGroups: 1,
          reviewGroups: [{ category: 'MOVING', reviewCount: 4, averageRating: 4 }],
          suppressedReviewGroups: 1,
        },
      },
    });
    const text = JSON.stringify(res.body);
    for (const id of [...clients, ...leads.map((lead) => lead._id.toHexString()), ...leads.map((lead) => lead.hiredProId!.toString())]) {
      expect(text).not.toContain(id);
    }
    expect(text).not.toMatch(/Secret|Paris|75011/);

    // Grouped by category only, the month's CLEANING group still has 3 distinct clients: suppressed.
    const byCategory = await admin.ask<{ partnerStatistics: { leadGroups: Array<{ category: string; countryCode: string | null }>; suppressedLeadGroups: number } }>(
      STATISTICS,
      { input: { ...PERIOD, groupBy: ['CATEGORY'] } },
    );
    expect(byCategory.body.data?.partnerStatistics.leadGroups.map((g) => [g.category, g.countryCode])).toEqual([['MOVING', null]]);
    expect(byCategory.body.data?.partnerStatistics.suppressedLeadGroups).toBe(1);
    // Grouped by month only: 7 distinct clients, one group with every lead.
    const byMonth = await admin.ask<{ partnerStatistics: { leadGroups: Array<{ leadCount: number; category: string | null }> } }>(STATISTICS, {
      input: { ...PERIOD, groupBy: [] },
    });
    expect(byMonth.body.data?.partnerStatistics.leadGroups).toMatchObject([{ category: null, leadCount: 9 }]);

    // An integrator's key with statistics:read sees the same aggregates.
    const withScope = await integrator(url, ['statistics:read'])({ input: PERIOD });
    expect(withScope.body).toEqual(res.body);
  });

  it('refuses a caller who is neither an admin nor holding statistics:read, and bad periods', async () => {
    const { url } = await setupLeads(mongo, { statisticsMinGroupSize: K, schedulerPollMs: false });
    for (const ask of [integrator(url, []), integrator(url, ['personal:read'])]) {
      const res = await ask({ input: PERIOD });
      expect(res.body.data).toBeNull();
      expect(res.body.errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN', reason: 'STATISTICS_SCOPE_REQUIRED' });
    }
    const client = caller(url, 'client');
    expect((await client.ask(STATISTICS, { input: PERIOD })).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const admin = caller(url, 'admin');
    const backwards = await admin.ask(STATISTICS, { input: { from: PERIOD.to, to: PERIOD.from } });
    expect(backwards.body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'INVALID_INPUT', field: 'input.to' });
    const tooLong = await admin.ask(STATISTICS, { input: { from: '2020-01-01T00:00:00.000Z', to: '2026-01-01T00:00:00.000Z' } });
    expect(tooLong.body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'INVALID_INPUT', field: 'input.to' });
  });
});
