/**
 * `pnpm --filter @leadgraph/subgraph-leads bench:statistics`: how long `partnerStatistics` takes
 * over HTTP for a year of a seeded marketplace (10,000 live leads plus completed history, every
 * completed lead reviewed), with the real reviews subgraph answering the review averages.
 * Prints figures; asserts nothing.
 */
import { Types } from 'mongoose';
import { connectDatabase } from '@leadgraph/db';
import { DEV_IDENTITY_SIGNING_KEY, IDENTITY_HEADER, signAssertion } from '@leadgraph/identity';
import { graphql, startTestDatabase, uniqueDbName } from '@leadgraph/testing';
// By path: a workspace dependency on reviews would be a cycle (reviews' tests start leads).
import { startSubgraph as startReviews } from '../../reviews/src/server.ts';
import { seedReviews } from '../../reviews/src/seed/index.ts';
import { LEAD_CATEGORIES } from '../src/models/lead.ts';
import { SEED_POSTAL_PREFIXES, seedMarketplace, type SeedPro } from '../src/seed/index.ts';
import { startSubgraph } from '../src/server.ts';

const LEADS = Number(process.env.BENCH_LEADS ?? 10_000);
const MIN_COMPLETED = Number(process.env.BENCH_MIN_COMPLETED ?? 20_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

const mongo = await startTestDatabase();
const leadsDbName = uniqueDbName('leads_bench');
const reviewsDbName = uniqueDbName('reviews_bench');
const leadsDb = await connectDatabase(mongo.uri, leadsDbName);
const reviewsDb = await connectDatabase(mongo.uri, reviewsDbName);
const reviews = await startReviews({ mongoUri: mongo.uri, dbName: reviewsDbName, peerUrl: () => 'http://127.0.0.1:9/graphql' });
const leads = await startSubgraph({
  mongoUri: mongo.uri,
  dbName: leadsDbName,
  schedulerPollMs: false,
  peerUrl: (peer) => (peer === 'reviews' ? `${reviews.url}/graphql` : 'http://127.0.0.1:9/graphql'),
});
try {
  const countries = Object.keys(SEED_POSTAL_PREFIXES) as Array<keyof typeof SEED_POSTAL_PREFIXES>;
  const pros: SeedPro[] = Array.from({ length: 200 }, (_, i) => ({
    proId: new Types.ObjectId().toHexString(),
    matchable: true,
    categories: [LEAD_CATEGORIES[i % LEAD_CATEGORIES.length]!],
    serviceAreas: [{ countryCode: countries[i % countries.length]!, postalPrefix: '' }],
  }));
  const clientIds = Array.from({ length: 2000 }, () => new Types.ObjectId());
  const seeded = await seedMarketplace(leadsDb, { clientIds, pros, leads: LEADS, minCompleted: MIN_COMPLETED });
  await seedReviews(reviewsDb, seeded.completedLeads);
  console.log(`seeded ${seeded.leads} leads, ${seeded.responses} responses, ${seeded.completedLeads.length} reviewed`);

  const admin = { [IDENTITY_HEADER]: signAssertion({ userId: new Types.ObjectId().toHexString(), role: 'admin', sessionId: 's', authenticatedAt: Date.now(), scopes: [], clientIp: null }, DEV_IDENTITY_SIGNING_KEY) };
  const query = `query ($input: PartnerStatisticsInput!) { partnerStatistics(input: $input) { suppressedLeadGroups suppressedReviewGroups leadGroups { leadCount } reviewGroups { reviewCount } } }`;
  const to = new Date();
  const from = new Date(to.getTime() - 365 * 24 * 60 * 60 * 1000);
  const times: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const started = performance.now();
    const res = await graphql<{ partnerStatistics: { leadGroups: unknown[]; reviewGroups: unknown[]; suppressedLeadGroups: number } }>(
      `${leads.url}/graphql`,
      query,
      { input: { from: from.toISOString(), to: to.toISOString() } },
      admin,
    );
    times.push(performance.now() - started);
    if (run === 0) {
      const s = res.body.data?.partnerStatistics;
      console.log(`groups: ${s?.leadGroups.length} shown, ${s?.suppressedLeadGroups} suppressed; review categories: ${s?.reviewGroups.length}`);
    }
  }
  times.sort((a, b) => a - b);
  console.log(`partnerStatistics (1 year, month × category × country): median ${times[Math.floor(times.length / 2)]!.toFixed(0)} ms over ${RUNS} runs`);
} finally {
  await leads.stop();
  await reviews.stop();
  await leadsDb.close();
  await reviewsDb.close();
  await mongo.stop();
}
