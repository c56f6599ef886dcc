/**
 * `pnpm bench` (gateway part): how much the gateway costs. Starts the platform in this process
 * (database, four subgraphs, gateway; loopback, free ports), seeds it, then with autocannon
 * (20 connections, bounded runs, load generator in a worker thread):
 *   1. a query that lives in one subgraph, through the gateway and straight to the subgraph,
 *      interleaved, and the gateway's overhead as a ratio;
 *   2. a cross-subgraph query (leads with their client's name) through the gateway;
 *   3. the marketplace pages of issue #5 on the seeded marketplace (10,000 leads, 1,000 pros,
 *      reviews of the completed leads): a pro's lead feed (with the clients' names), signed in
 *      as the verified pro with the most open leads, and a pro's public profile page with
 *      rating and reviews (with their authors' names), anonymous, for the most reviewed pro.
 * Cases 1 and 2 are an admin's (listing users is admin-only, leads need a signed-in caller):
 * through the gateway with a session cookie (so each request also pays one session lookup),
 * straight to the subgraph with an identity assertion signed for the whole run.
 * Prints figures; asserts nothing.
 */
import { loadavg } from 'node:os';
import { DEV_IDENTITY_SIGNING_KEY, IDENTITY_HEADER, signAssertion } from '@leadgraph/identity';
import { createLogger } from '@leadgraph/logging';
import { startPlatform } from '../test/platform.ts';
import { signedInAs } from '../test/sign-in.ts';
import { CookieJar } from '../test/cookie-jar.ts';
import { clientFor } from '../test/client.ts';
import { combine, formatRow, measure, verify, type Case, type Measurement } from './measure.ts';
import { seedBenchData } from './seed.ts';

const CONNECTIONS = 20;
const ROUNDS = 2;
const SECONDS_PER_RUN = 5; // two interleaved runs of 5 s: ~10 s per case

const single = '{ users(first: 20) { edges { node { id name role } } } }';
const cross = '{ leads(first: 20) { edges { node { id title client { id name } } } } }';
const feed =
  '{ leadFeed(first: 20) { edges { cursor node { id title category createdAt budget { min max currency } location { countryCode city } client { id name } } } pageInfo { hasNextPage endCursor } } }';
const profilePage = (proId: string) =>
  `{ user(id: "${proId}") { id name proProfile { companyName description categories serviceAreas { countryCode postalPrefix } website } ` +
  'rating { average count distribution { stars count } } ' +
  'reviews(first: 10) { edges { cursor node { id rating body createdAt author { id name } reply { body } } } pageInfo { hasNextPage endCursor } } } }';

/** A session cookie for a seeded account, signed in through the gateway like a browser. */
async function sessionOf(graphqlUrl: string, email: string, password: string): Promise<Record<string, string>> {
  const jar = new CookieJar();
  const answer = await clientFor(graphqlUrl, jar)('mutation ($e: String!, $p: String!) { signIn(email: $e, password: $p) { user { id } } }', { e: email, p: password });
  if (answer.errors !== undefined || jar.header() === undefined) throw new Error(`sign-in failed: ${JSON.stringify(answer.errors)}`);
  return { cookie: jar.header()! };
}

const platform = await startPlatform({ logger: createLogger('bench', { level: 'warn' }) });
try {
  const seeded = await seedBenchData(platform);
  const admin = await signedInAs(platform, 'admin');
  const identity = { userId: admin.user._id.toHexString(), role: 'admin' as const, sessionId: null, authenticatedAt: Date.now(), scopes: [], clientIp: null };
  const asserted = { [IDENTITY_HEADER]: signAssertion(identity, DEV_IDENTITY_SIGNING_KEY, 3_600) };
  const viaGateway: Case = { label: 'users(first: 20) via gateway', url: platform.graphqlUrl, query: single, headers: admin.cookie };
  const direct: Case = { label: 'users(first: 20) straight to users subgraph', url: platform.subgraphUrls.users, query: single, headers: asserted };
  const crossCase: Case = { label: 'leads(first: 20) + client names via gateway', url: platform.graphqlUrl, query: cross, headers: admin.cookie };
  const proCookie = await sessionOf(platform.graphqlUrl, seeded.feedPro.email, seeded.password);
  const feedCase: Case = { label: 'leadFeed(first: 20) + client names (pro)', url: platform.graphqlUrl, query: feed, headers: proCookie };
  const profileCase: Case = { label: 'pro profile + rating + 10 reviews (anonymous)', url: platform.graphqlUrl, query: profilePage(seeded.reviewedPro.id) };
  for (const target of [viaGateway, direct, crossCase, feedCase, profileCase]) await verify(target);

  process.stdout.write(
    `\ngateway bench: ${seeded.summary}; ${CONNECTIONS} connections, ${ROUNDS} interleaved runs of ${SECONDS_PER_RUN} s per case, medians\n` +
      'gateway, subgraphs and database share this process; autocannon runs in a worker thread; ' +
      `load average before: ${loadavg()[0]!.toFixed(1)}\n\n`,
  );
  // Warm-up: JIT, connection pools, query-plan cache.
  await measure(viaGateway, 2, CONNECTIONS);
  await measure(direct, 2, CONNECTIONS);

  const runs: Record<'gateway' | 'direct' | 'cross' | 'feed' | 'profile', Measurement[]> = { gateway: [], direct: [], cross: [], feed: [], profile: [] };
  for (let round = 0; round < ROUNDS; round += 1) {
    runs.gateway.push(await measure(viaGateway, SECONDS_PER_RUN, CONNECTIONS));
    runs.direct.push(await measure(direct, SECONDS_PER_RUN, CONNECTIONS));
  }
  for (let round = 0; round < ROUNDS; round += 1) runs.cross.push(await measure(crossCase, SECONDS_PER_RUN, CONNECTIONS));
  await measure(feedCase, 2, CONNECTIONS);
  await measure(profileCase, 2, CONNECTIONS);
  for (let round = 0; round < ROUNDS; round += 1) {
    runs.feed.push(await measure(feedCase, SECONDS_PER_RUN, CONNECTIONS));
    runs.profile.push(await measure(profileCase, SECONDS_PER_RUN, CONNECTIONS));
  }

  const gateway = combine(runs.gateway);
  const straight = combine(runs.direct);
  process.stdout.write(
    [
      formatRow(direct.label, straight),
      formatRow(viaGateway.label, gateway),
      `gateway overhead (direct req/s ÷ gateway req/s): ${(straight.rps / gateway.rps).toFixed(2)}×`,
      '',
      formatRow(crossCase.label, combine(runs.cross)),
      '',
      `marketplace (issue #5): feed of a pro with ${seeded.feedPro.openLeads} open leads; profile of a pro with ${seeded.reviewedPro.reviews} reviews`,
      formatRow(feedCase.label, combine(runs.feed)),
      formatRow(profileCase.label, combine(runs.profile)),
      '',
    ].join('\n'),
  );
} finally {
  // Let requests autocannon abandoned at the end of its last run finish before the subgraphs go.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  await platform.stop();
}
