/**
 * `pnpm --filter @leadgraph/subgraph-reviews bench`: how long seeding 50,000 reviews takes
 * (batched unordered inserts plus one bulk `$inc` of the pros' aggregates per batch), then
 * one check that the aggregates equal a recomputation. Prints figures; asserts nothing.
 */
import { Types } from 'mongoose';
import { connectDatabase } from '@leadgraph/db';
import { startTestDatabase, uniqueDbName } from '@leadgraph/testing';
import { proRatingModel } from '../src/models/pro-rating.ts';
import { reviewModel } from '../src/models/review.ts';
import { seedReviews } from '../src/seed/index.ts';
import { computeProRatings } from '../src/services/rating.ts';

const REVIEWS = Number(process.env.BENCH_REVIEWS ?? 50_000);
const PROS = 2_000;

const mongo = await startTestDatabase();
const db = await connectDatabase(mongo.uri, uniqueDbName('reviews_bench'));
try {
  const pros = Array.from({ length: PROS }, () => new Types.ObjectId());
  const leads = Array.from({ length: REVIEWS }, (_, i) => ({
    leadId: new Types.ObjectId(),
    clientId: new Types.ObjectId(),
    hiredProId: pros[i % PROS]!,
  }));
  const started = performance.now();
  const { reviews } = await seedReviews(db, leads, { hiddenShare: 0.02 });
  const seconds = (performance.now() - started) / 1000;
  console.log(`seeded ${reviews} reviews for ${PROS} pros in ${seconds.toFixed(1)} s (${Math.round(reviews / seconds)} reviews/s)`);
  const checkStarted = performance.now();
  const stored = await proRatingModel(db).find({}).sort({ _id: 1 }).lean();
  const computed = await computeProRatings(reviewModel(db));
  // Field by field: the stored documents' key order follows the order their counters first appeared.
  const fields = ['count', 'sum', 's1', 's2', 's3', 's4', 's5'] as const;
  const line = (r: Record<string, unknown>) => [String(r._id), ...fields.map((f) => r[f] ?? 0)].join(',');
  const same = stored.map(line).join('\n') === computed.map((r) => line(r as unknown as Record<string, unknown>)).join('\n');
  console.log(`aggregates ${same ? 'equal' : 'DIFFER FROM'} a recomputation (${((performance.now() - checkStarted) / 1000).toFixed(1)} s)`);
} finally {
  await db.close();
  await mongo.stop();
}
