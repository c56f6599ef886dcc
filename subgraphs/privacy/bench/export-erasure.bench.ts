/**
 * `pnpm --filter @leadgraph/subgraph-privacy bench` (part of `pnpm bench`): issue #6's data export
 * and erasure of one subject with 10, 1,000 and 10,000 records while the whole platform holds 10×
 * and 100× more (other people's leads, messages, reviews, page views), on the embedded database,
 * through the real platform (four subgraphs and the gateway, in this process). Prints, side by
 * side: the export (the one generated federated query through the gateway), the erasure request
 * end to end (export, four erasures, verification export and scan), and the scan alone. Target:
 * each under 2 s for 10,000 records. Asserts nothing. BENCH_SIZES / BENCH_FACTORS narrow the grid.
 */
import { Types } from 'mongoose';
import { connectDatabase, type MongoHandle } from '@leadgraph/db';
import { DEV_IDENTITY_SIGNING_KEY, IDENTITY_HEADER, serviceIdentity, signAssertion } from '@leadgraph/identity';
import { MAX_SCAN_VALUES, PERSONAL_EXPORT_SCOPE, buildExportPlan, erasableValues, personalValuesOf } from '@leadgraph/privacy-kit';
import { createLeads, fakeLeadDoc } from '@leadgraph/subgraph-leads/seed';
import { createReviews } from '@leadgraph/subgraph-reviews/seed';
import { insertUsers } from '@leadgraph/subgraph-users/seed';
import { graphql, startTestDatabase } from '@leadgraph/testing';
import { startPlatform, type Platform } from '../../../gateway/test/platform.ts';
import { createDataSubjectRequest } from '../src/seed/index.ts';

const SIZES = (process.env.BENCH_SIZES ?? '10,1000,10000').split(',').map(Number);
const FACTORS = (process.env.BENCH_FACTORS ?? '10,100').split(',').map(Number);
/** Above this total the erasure (whose verification scan reads every document) is skipped: export only. */
const ERASURE_MAX_TOTAL = Number(process.env.BENCH_ERASURE_MAX_TOTAL ?? Infinity);
const BATCH = 5_000;
const OTHER_CLIENTS = 200;
const PROS = 20;

/** How one person's N records are spread over the subgraphs. */
function split(n: number) {
  const leads = Math.max(1, Math.round(n * 0.2));
  const reviews = Math.max(1, Math.round(n * 0.1));
  const pageViews = Math.max(1, Math.round(n * 0.2));
  return { leads, reviews, pageViews, messages: Math.max(1, n - leads - reviews - pageViews) };
}

async function inBatches<T>(count: number, make: (i: number) => T, write: (docs: T[]) => Promise<unknown>) {
  for (let start = 0; start < count; start += BATCH) {
    const docs = Array.from({ length: Math.min(BATCH, count - start) }, (_, k) => make(start + k));
    await write(docs);
  }
}

/** `records` records of `clientIds` (round robin) in leads, reviews and privacy. */
async function seedRecords(platform: Platform, clientIds: Types.ObjectId[], proIds: Types.ObjectId[], records: number, tag: string) {
  const counts = split(records);
  const open = (name: 'leads' | 'reviews' | 'privacy') => connectDatabase(platform.mongo.uri, platform.dbNames[name]);
  const [leadsDb, reviewsDb, privacyDb] = await Promise.all([open('leads'), open('reviews'), open('privacy')]);
  try {
    const client = (i: number) => clientIds[i % clientIds.length]!;
    const pro = (i: number) => proIds[i % proIds.length]!;
    const leadIds: Array<{ _id: Types.ObjectId; clientId: Types.ObjectId }> = [];
    await createLeads(leadsDb, []);
    await inBatches(counts.leads, (i) => fakeLeadDoc({ clientId: client(i), title: `Lead ${tag} ${i}` }), async (docs) => {
      await leadsDb.collection('leads').insertMany(docs);
      for (const doc of docs) if (leadIds.length < 1_000) leadIds.push({ _id: doc._id, clientId: doc.clientId });
    });
    const now = Date.now();
    await inBatches(
      counts.messages,
      (i) => {
        const lead = leadIds[i % leadIds.length]!;
        return { threadId: lead._id, leadId: lead._id, clientId: lead.clientId, proId: pro(i), senderId: lead.clientId, body: `Message ${tag} ${i} about the move`, createdAt: new Date(now - i) };
      },
      (docs) => leadsDb.collection('messages').insertMany(docs),
    );
    await inBatches(
      counts.reviews,
      (i) => ({ authorId: client(i), proId: pro(i), rating: 1 + (i % 5), body: `Review ${tag} ${i}: the job went well overall` }),
      (docs) => createReviews(reviewsDb, docs),
    );
    await inBatches(
      counts.pageViews,
      (i) => ({ kind: 'PAGE_VIEW', userId: client(i), ipAddress: '203.0.113.0', device: 'DESKTOP', browser: 'Firefox', page: `/leads/${tag}/${i}`, referrer: null, occurredAt: new Date(now - i), expiresAt: new Date(now + 300 * 86_400_000) }),
      (docs) => privacyDb.collection('technical_events').insertMany(docs),
    );
  } finally {
    await Promise.all([leadsDb.close(), reviewsDb.close(), privacyDb.close()]);
  }
}

const ms = (start: number) => performance.now() - start;

async function measure(mongo: MongoHandle, size: number, factor: number): Promise<Row> {
  const platform = await startPlatform({ mongo });
  try {
    const usersDb = await connectDatabase(mongo.uri, platform.dbNames.users);
    const [subject, ...others] = await insertUsers(usersDb, [
      { role: 'client', name: 'Bench Subject' },
      ...Array.from({ length: OTHER_CLIENTS }, (_, i) => ({ role: 'client' as const, name: `Other Client ${i}` })),
      ...Array.from({ length: PROS }, (_, i) => ({ role: 'pro' as const, name: `Pro ${i}` })),
    ]);
    await usersDb.close();
    const proIds = others.slice(OTHER_CLIENTS).map((u) => u._id);
    const otherIds = others.slice(0, OTHER_CLIENTS).map((u) => u._id);
    const seeded = performance.now();
    await seedRecords(platform, [subject!._id], proIds, size, 'subject');
    await seedRecords(platform, otherIds, proIds, size * (factor - 1), 'other');
    const seedSeconds = ms(seeded) / 1000;

    // The export: the generated query through the gateway with the privacy service's identity.
    const plan = buildExportPlan((await import('node:fs')).readFileSync(new URL('../../../schema/supergraph.graphql', import.meta.url), 'utf8'));
    const exportOnce = async () => {
      const started = performance.now();
      const headers = { [IDENTITY_HEADER]: signAssertion(serviceIdentity('privacy', [PERSONAL_EXPORT_SCOPE]), DEV_IDENTITY_SIGNING_KEY) };
      const answer = await graphql<{ dataSubject: Record<string, unknown> }>(platform.graphqlUrl, plan.query, { id: subject!._id.toHexString() }, headers);
      if (answer.body.errors !== undefined) throw new Error(`export failed: ${JSON.stringify(answer.body.errors.map((e) => e.extensions?.code))}`);
      return { ms: ms(started), subject: answer.body.data!.dataSubject };
    };
    await exportOnce();
    const exported = await exportOnce();
    const values = personalValuesOf(plan, exported.subject);
    const scanValues = erasableValues(values).values;

    if (size * factor > ERASURE_MAX_TOTAL) {
      return { size, factor, total: size * factor, seedSeconds, exportMs: exported.ms, values: values.length, erasureMs: undefined, scanMs: undefined, outcome: 'erasure skipped (BENCH_ERASURE_MAX_TOTAL)' };
    }
    // The erasure request, end to end, as an admin completing it (direct to the privacy subgraph:
    // the gateway's 10 s subgraph timeout is for interactive requests).
    const privacyDb = await connectDatabase(mongo.uri, platform.dbNames.privacy);
    const request = await createDataSubjectRequest(privacyDb, { subjectId: subject!._id, kind: 'ERASURE', status: 'IN_PROGRESS' });
    await privacyDb.collection('data_subject_requests').updateOne({ _id: request._id }, { $set: { verifiedAt: new Date() } });
    await privacyDb.close();
    const admin = { [IDENTITY_HEADER]: signAssertion({ userId: new Types.ObjectId().toHexString(), role: 'admin', sessionId: 's', authenticatedAt: Date.now(), scopes: [], clientIp: null }, DEV_IDENTITY_SIGNING_KEY, 600) };
    const erasureStarted = performance.now();
    const erased = await graphql<{ updateDataSubjectRequest: { status: string; erasure: { verification: { clean: boolean; exportErrors: number; scanHits: unknown[] } } } }>(
      platform.subgraphUrls.privacy,
      'mutation ($id: ID!) { updateDataSubjectRequest(input: { id: $id, status: COMPLETED }) { status erasure { verification { clean exportErrors scanHits { subgraph collection path count } } } } }',
      { id: request._id.toHexString() },
      admin,
    );
    const erasureMs = ms(erasureStarted);
    const verification = erased.body.data?.updateDataSubjectRequest.erasure.verification;
    // Seeded values are a small shared vocabulary (cities, templates), so other people's records match: counts only.
    const outcome =
      erased.body.errors !== undefined
        ? `error ${String(erased.body.errors[0]?.extensions?.code)}`
        : verification?.clean
          ? 'verification clean'
          : `verification: ${verification?.scanHits.length ?? 0} hit locations, ${verification?.exportErrors ?? 0} export errors`;

    // The scan alone: every subgraph searched for the former values.
    const scanStarted = performance.now();
    const service = { [IDENTITY_HEADER]: signAssertion(serviceIdentity('privacy'), DEV_IDENTITY_SIGNING_KEY, 300) };
    await Promise.all(
      Object.values(platform.subgraphUrls).map(async (url) => {
        for (let start = 0; start < scanValues.length; start += MAX_SCAN_VALUES) {
          const values = scanValues.slice(start, start + MAX_SCAN_VALUES);
          const answer = await graphql(url, 'query ($input: ScanForValuesInput!) { scanForValues(input: $input) { collection } }', { input: { values } }, service);
          if (answer.body.errors !== undefined) throw new Error(`scan failed: ${JSON.stringify(answer.body.errors.map((e) => e.extensions?.code))}`);
        }
      }),
    );
    const scanMs = ms(scanStarted);
    return { size, factor, total: size * factor, seedSeconds, exportMs: exported.ms, values: values.length, erasureMs, scanMs, outcome };
  } finally {
    await platform.stop();
  }
}

const mongo = await startTestDatabase();
interface Row {
  size: number;
  factor: number;
  total: number;
  seedSeconds: number;
  exportMs: number;
  values: number;
  erasureMs: number | undefined;
  scanMs: number | undefined;
  outcome: string;
}
const rows: Row[] = [];
try {
  for (const factor of FACTORS) {
    for (const size of SIZES) {
      const row = await measure(mongo, size, factor);
      rows.push(row);
      console.log(
        `subject ${String(size).padStart(6)} records, total ${String(row.total).padStart(9)} (${factor}×): ` +
          `export ${row.exportMs.toFixed(0).padStart(6)} ms | erasure request ${String(row.erasureMs?.toFixed(0) ?? '-').padStart(6)} ms | scan alone ${String(row.scanMs?.toFixed(0) ?? '-').padStart(6)} ms | ${row.outcome} (seeded in ${row.seedSeconds.toFixed(1)} s)`,
      );
    }
  }
  console.log('\nside by side (ms): records | export 10× | export 100× | erasure 10× | erasure 100× | scan 10× | scan 100×');
  for (const size of SIZES) {
    const at = (factor: number) => rows.find((row) => row.size === size && row.factor === factor);
    const cell = (value: number | undefined) => (value === undefined ? '-' : value.toFixed(0)).padStart(7);
    console.log(
      `${String(size).padStart(7)} | ${cell(at(10)?.exportMs)} | ${cell(at(100)?.exportMs)} | ${cell(at(10)?.erasureMs)} | ${cell(at(100)?.erasureMs)} | ${cell(at(10)?.scanMs)} | ${cell(at(100)?.scanMs)}`,
    );
  }
} finally {
  await mongo.stop();
}
