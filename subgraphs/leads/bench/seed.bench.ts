/**
 * `pnpm --filter @leadgraph/subgraph-leads bench`: how long `seedMarketplace` takes for
 * 10,000 live leads (with responders, threads and hires) plus completed history up to 50,000
 * completed leads, on a fresh test database. Prints figures;
 * asserts nothing.
 */
import { Types } from 'mongoose';
import { connectDatabase } from '@leadgraph/db';
import { startTestDatabase, uniqueDbName } from '@leadgraph/testing';
import { LEAD_CATEGORIES } from '../src/models/lead.ts';
import { SEED_POSTAL_PREFIXES, seedMarketplace, type SeedPro } from '../src/seed/index.ts';

const LEADS = Number(process.env.BENCH_LEADS ?? 10_000);
/** Completed leads in all (history added as needed), e.g. 50,000 for one review each. */
const MIN_COMPLETED = Number(process.env.BENCH_MIN_COMPLETED ?? 50_000);
const mongo = await startTestDatabase();
const db = await connectDatabase(mongo.uri, uniqueDbName('leads_bench'));
try {
  const countries = Object.keys(SEED_POSTAL_PREFIXES) as Array<keyof typeof SEED_POSTAL_PREFIXES>;
  const pros: SeedPro[] = Array.from({ length: 200 }, (_, i) => {
    const countryCode = countries[i % countries.length]!;
    const prefixes = SEED_POSTAL_PREFIXES[countryCode];
    return {
      proId: new Types.ObjectId().toHexString(),
      matchable: true,
      categories: [LEAD_CATEGORIES[i % LEAD_CATEGORIES.length]!, LEAD_CATEGORIES[(i + 3) % LEAD_CATEGORIES.length]!],
      serviceAreas: [{ countryCode, postalPrefix: prefixes[i % prefixes.length]! }],
    };
  });
  const clientIds = Array.from({ length: 1000 }, () => new Types.ObjectId());
  const started = performance.now();
  const result = await seedMarketplace(db, { clientIds, pros, leads: LEADS, minCompleted: MIN_COMPLETED });
  const ms = performance.now() - started;
  console.log(
    `seedMarketplace: ${result.leads} leads, ${result.responses} responses, ${result.messages} messages, ` +
      `${result.completedLeads.length} completed in ${(ms / 1000).toFixed(2)} s (${Math.round(result.leads / (ms / 1000))} leads/s)`,
  );
  console.log('by status:', result.byStatus);
} finally {
  await db.close();
  await mongo.stop();
}
