import { createLeads } from '@leadgraph/subgraph-leads/seed';
import { createReviews } from '@leadgraph/subgraph-reviews/seed';
import { createUsers } from '@leadgraph/subgraph-users/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browser, type Browser } from '../journeys.ts';
import { startPlatform, type Platform } from '../platform.ts';
import { dataOf, database, seededPerson, verifiedPro, type Database, type Person } from './support.ts';

/**
 * The database work of one gateway request does not grow with the page size: no N+1 across
 * subgraphs (references are batched) nor inside one. Counted with the database's `top` admin
 * command (per-namespace command counts, as mongod reports them) on the marketplace
 * collections of every subgraph database, named here so background collections (mail outbox,
 * scheduler, pending notifications, access log, sessions) stay out of the count.
 */
const MARKETPLACE_COLLECTIONS = {
  users: ['users', 'pro_images'],
  leads: ['leads', 'responses', 'messages'],
  reviews: ['reviews', 'pro_ratings'],
} as const;
const ITEMS = 110;

const FEED = `query ($first: Int!) { leadFeed(first: $first) { edges { node { id title budget { min max } client { id name } } } } }`;
const PRO_PAGE = `query ($id: ID!, $first: Int!) { user(id: $id) {
  name proProfile { companyName categories }
  rating { average count }
  reviews(first: $first) { edges { node { id rating body author { id name } } } }
} }`;
const MY_LEADS = `query ($first: Int!) { me { id leads(first: $first) { edges { node { id title status responseCount client { name } } } } } }`;

type Top = { totals: Record<string, { total: { count: number } }> };

describe('database work per gateway request', () => {
  let platform: Platform;
  let admin: Database;
  let pro: Person;
  let client: Person;
  let visitor: Browser;

  /** Commands so far on each named marketplace collection, keyed `db.collection`. */
  async function counts(): Promise<Record<string, number>> {
    const { totals } = (await admin.db!.admin().command({ top: 1 })) as Top;
    const out: Record<string, number> = {};
    for (const [subgraph, collections] of Object.entries(MARKETPLACE_COLLECTIONS)) {
      for (const collection of collections) {
        const ns = `${platform.dbNames[subgraph as keyof typeof MARKETPLACE_COLLECTIONS]}.${collection}`;
        out[`${subgraph}.${collection}`] = totals[ns]?.total.count ?? 0;
      }
    }
    return out;
  }

  /**
   * The commands one request causes, per collection: the least over three runs, so a background
   * sweep that happens to run during one of them (it only ever adds) does not count.
   */
  async function workOf(send: () => Promise<unknown>): Promise<Record<string, number>> {
    const runs: Record<string, number>[] = [];
    for (let run = 0; run < 3; run += 1) {
      const before = await counts();
      await send();
      const after = await counts();
      runs.push(Object.fromEntries(Object.keys(after).map((key) => [key, after[key]! - before[key]!])));
    }
    return Object.fromEntries(Object.keys(runs[0]!).map((key) => [key, Math.min(...runs.map((r) => r[key]!))]));
  }

  beforeAll(async () => {
    platform = await startPlatform();
    admin = await database(platform, 'users');
    const adminPerson = await seededPerson(platform, 'admin');
    pro = await verifiedPro(platform, adminPerson);
    client = await seededPerson(platform, 'client', 'Robin Client');
    visitor = browser(platform);
    const [leadsDb, reviewsDb] = [await database(platform, 'leads'), await database(platform, 'reviews')];
    try {
      // ITEMS clients, each with one lead in the pro's area (the feed shows ITEMS client names),
      // the signed-in client with ITEMS leads of their own, and ITEMS reviews of the pro by ITEMS authors.
      const clients = await createUsers(admin, ITEMS, { role: 'client' });
      const inArea = { category: 'MOVING' as const, countryCode: 'GB', city: 'London', postalCode: 'SW1A 1AA' };
      const start = Date.now() - ITEMS * 2 * 60_000;
      await createLeads(leadsDb, [
        ...clients.map((c, i) => ({ clientId: c._id, ...inArea, createdAt: new Date(start + i * 60_000) })),
        ...clients.map((_, i) => ({ clientId: client.id, ...inArea, category: 'TRAVEL' as const, createdAt: new Date(start + (ITEMS + i) * 60_000) })),
      ]);
      await createReviews(
        reviewsDb,
        clients.map((c, i) => ({ authorId: c._id, proId: pro.id, rating: 1 + (i % 5), createdAt: new Date(start + i * 60_000) })),
      );
    } finally {
      await Promise.all([leadsDb.close(), reviewsDb.close()]);
    }
  }, 60_000);
  afterAll(async () => {
    await admin?.close();
    await platform?.stop();
  });

  const cases: Array<[string, () => { send: (first: number) => Promise<unknown>; size: (data: never) => number }]> = [
    [
      "a pro's lead feed with the clients' names",
      () => ({
        send: (first) => pro.browser.send(FEED, { first }),
        size: (data: { leadFeed: { edges: { node: { client: { name: string } } }[] } }) =>
          data.leadFeed.edges.filter((e) => e.node.client.name !== '').length,
      }),
    ],
    [
      "a pro's public profile with reviews and their authors",
      () => ({
        send: (first) => visitor.send(PRO_PAGE, { id: pro.id, first }),
        size: (data: { user: { reviews: { edges: { node: { author: { name: string } | null } }[] } } }) =>
          data.user.reviews.edges.filter((e) => e.node.author !== null).length,
      }),
    ],
    [
      "a client's own leads (User.leads)",
      () => ({
        send: (first) => client.browser.send(MY_LEADS, { first }),
        size: (data: { me: { leads: { edges: unknown[] } } }) => data.me.leads.edges.length,
      }),
    ],
  ];

  it.each(cases)('%s: the same commands for 10 items as for 100', async (_label, make) => {
    const { send, size } = make();
    // Both sizes answer fully (the data is there), once to warm up.
    for (const first of [10, 100]) {
      const answer = (await send(first)) as Parameters<typeof dataOf>[0];
      expect(size(dataOf(answer) as never)).toBe(first);
    }
    const ten = await workOf(() => send(10));
    const hundred = await workOf(() => send(100));
    expect(Object.values(ten).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(hundred).toEqual(ten);
  });
});
