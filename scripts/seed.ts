/**
 * `pnpm seed`: fills the four subgraph databases with realistic demo data (clients, pros,
 * admins, leads, reviews, a few open data-subject requests), using the same factories as
 * the tests. Connects to MONGODB_URI, else to the embedded server `pnpm start` runs on
 * DEV_MONGODB_PORT. Clears the demo collections first, so running it twice gives the same
 * amounts, not twice as much.
 */
import { DEV_MONGODB_PORT, connectDatabase, redactUri } from '@leadgraph/db';
import { clearLeads, createLeads, type LeadInput } from '@leadgraph/subgraph-leads/seed';
import { clearDataSubjectRequests, createDataSubjectRequest } from '@leadgraph/subgraph-privacy/seed';
import { clearReviews, createReviews, type ReviewInput } from '@leadgraph/subgraph-reviews/seed';
import { clearUsers, insertUsers, type UserOverrides } from '@leadgraph/subgraph-users/seed';

const AMOUNTS = { clients: 240, pros: 80, admins: 3, leads: 420, reviews: 360, openRequests: 6 };
const BATCH = 100;
const DAY = 24 * 60 * 60 * 1000;

/** `n` dates over the last `days` days, oldest first (so ids and dates sort the same way). */
function datesOverPast(n: number, days: number, notBefore = 0): Date[] {
  const now = Date.now();
  const start = Math.max(now - days * DAY, notBefore);
  return Array.from({ length: n }, () => new Date(start + Math.random() * (now - start))).sort(
    (a, b) => a.getTime() - b.getTime(),
  );
}

function pickOne<T>(items: readonly T[]): T {
  return items[Math.floor(Math.random() * items.length)] as T;
}

/** Inserts `inputs` in batches through `insert`, printing progress on one line. */
async function inBatches<I, O>(label: string, inputs: readonly I[], insert: (batch: I[]) => Promise<O[]>): Promise<O[]> {
  const out: O[] = [];
  for (let i = 0; i < inputs.length; i += BATCH) {
    out.push(...(await insert(inputs.slice(i, i + BATCH))));
    if (process.stdout.isTTY) process.stdout.write(`\r  ${label}: ${out.length}/${inputs.length}`);
  }
  process.stdout.write(process.stdout.isTTY ? '\n' : `  ${label}: ${out.length}/${inputs.length}\n`);
  return out;
}

async function main(): Promise<void> {
  const uri = process.env.MONGODB_URI || `mongodb://127.0.0.1:${DEV_MONGODB_PORT}/`;
  console.log(`Seeding demo data into ${redactUri(uri)}`);
  const [users, leads, reviews, privacy] = await Promise.all(
    ['users', 'leads', 'reviews', 'privacy'].map((name) => connectDatabase(uri, `leadgraph_${name}`)),
  ).catch((error: unknown) => {
    throw new Error(
      `Cannot reach MongoDB at ${redactUri(uri)} (${(error as Error).name}). Start it with \`pnpm start\` or set MONGODB_URI.`,
    );
  });
  try {
    console.log('Clearing demo collections (users, leads, reviews, data_subject_requests)…');
    const cleared = await Promise.all([clearUsers(users!), clearLeads(leads!), clearReviews(reviews!), clearDataSubjectRequests(privacy!)]);
    console.log(`  removed ${cleared.reduce((a, b) => a + b, 0)} documents`);

    const total = AMOUNTS.clients + AMOUNTS.pros + AMOUNTS.admins;
    const roles = [
      ...Array<UserOverrides['role']>(AMOUNTS.clients).fill('client'),
      ...Array<UserOverrides['role']>(AMOUNTS.pros).fill('pro'),
      ...Array<UserOverrides['role']>(AMOUNTS.admins).fill('admin'),
    ].sort(() => Math.random() - 0.5);
    const userInputs = datesOverPast(total, 365).map((createdAt, i) => ({ createdAt, role: roles[i] }));
    const created = await inBatches('users', userInputs, (batch) => insertUsers(users!, batch));
    const clients = created.filter((u) => u.role === 'client');
    const pros = created.filter((u) => u.role === 'pro');
    const firstSignup = created[0]?.createdAt.getTime() ?? 0;

    const leadInputs: LeadInput[] = datesOverPast(AMOUNTS.leads, 300, firstSignup).map((createdAt) => ({
      clientId: pickOne(clients)._id,
      createdAt,
    }));
    await inBatches('leads', leadInputs, (batch) => createLeads(leads!, batch));

    const reviewInputs: ReviewInput[] = datesOverPast(AMOUNTS.reviews, 240, firstSignup).map((createdAt) => ({
      authorId: pickOne(clients)._id,
      proId: pickOne(pros)._id,
      createdAt,
    }));
    await inBatches('reviews', reviewInputs, (batch) => createReviews(reviews!, batch));

    for (const client of clients.slice(0, AMOUNTS.openRequests)) {
      await createDataSubjectRequest(privacy!, { subjectId: client._id, kind: pickOne(['access', 'erasure'] as const) });
    }
    console.log(`  data-subject requests: ${AMOUNTS.openRequests}`);

    console.log(
      `Done: ${created.length} users (${clients.length} clients, ${pros.length} pros, ${AMOUNTS.admins} admins), ` +
        `${leadInputs.length} leads, ${reviewInputs.length} reviews, ${AMOUNTS.openRequests} open data-subject requests.`,
    );
  } finally {
    await Promise.all([users, leads, reviews, privacy].map((db) => db?.close()));
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
