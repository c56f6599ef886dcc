/**
 * `pnpm seed`: fills the four subgraph databases with the marketplace at scale (2,000 clients,
 * 1,000 pros, 3 admins, 10,000 live leads with responses, threads, hires and completions, plus
 * older completed leads so that each of the 50,000 reviews is about its own completed lead) and
 * a few open data-subject requests, using each subgraph's
 * own seed exports (the same factories the tests and the gateway bench use). Connects to
 * MONGODB_URI, else to the embedded server `pnpm start` runs on DEV_MONGODB_PORT. Clears the
 * demo collections first, so running it twice gives the same amounts, not twice as much.
 * Prints the counts and the sign-in of a demo client, pro and admin.
 * `SEED_SCALE=small` seeds a small marketplace of the same shape (tests; a quick look around).
 */
import { DEV_MONGODB_PORT, connectDatabase, redactUri } from '@leadgraph/db';
import { clearLeads } from '@leadgraph/subgraph-leads/seed';
import { clearDataSubjectRequests, createDataSubjectRequest } from '@leadgraph/subgraph-privacy/seed';
import { clearReviews } from '@leadgraph/subgraph-reviews/seed';
import { clearUsers } from '@leadgraph/subgraph-users/seed';
import { MARKETPLACE_AT_SCALE, seedMarketplaceData } from '../gateway/bench/marketplace-seed.ts';

const OPEN_REQUESTS = 6;

/** The same shape at a size a test can afford to seed twice. */
const SMALL = { clients: 40, pros: 20, admins: 3, leads: 200, reviews: 100 } as const;

function amounts(scale: string | undefined) {
  if (scale === undefined || scale === '' || scale === 'full') return MARKETPLACE_AT_SCALE;
  if (scale === 'small') return SMALL;
  throw new Error(`SEED_SCALE must be "full" (default) or "small", not "${scale}"`);
}

async function main(): Promise<void> {
  const started = Date.now();
  const scale = amounts(process.env.SEED_SCALE);
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

    const seeded = await seedMarketplaceData({ users: users!, leads: leads!, reviews: reviews! }, scale, {
      progress: (line) => console.log(`  ${line}`),
    });
    const { clients, pros, admins, password } = seeded.accounts;
    for (const client of clients.slice(0, OPEN_REQUESTS)) {
      await createDataSubjectRequest(privacy!, { subjectId: client.id, kind: 'access' });
    }
    console.log(`  data-subject requests: ${OPEN_REQUESTS}`);

    console.log(
      `Done in ${((Date.now() - started) / 1000).toFixed(1)} s: ${clients.length + pros.length + admins.length} users ` +
        `(${clients.length} clients, ${pros.length} pros, ${admins.length} admins), ${seeded.leads.leads} leads, ` +
        `${seeded.leads.responses} responses, ${seeded.leads.messages} messages, ${seeded.reviews} reviews, ` +
        `${OPEN_REQUESTS} open data-subject requests.`,
    );
    const pro = pros.find((p) => p.status === 'VERIFIED') ?? pros[0];
    console.log('\nSign in (development data only) with the password below:');
    for (const [label, account] of [['client', clients[0]], ['pro', pro], ['admin', admins[0]]] as const) {
      if (account) console.log(`  ${label.padEnd(6)} ${account.email}  (${account.name}, id ${account.id})`);
    }
    console.log(`  password: ${password}`);
  } finally {
    await Promise.all([users, leads, reviews, privacy].map((db) => db?.close()));
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
