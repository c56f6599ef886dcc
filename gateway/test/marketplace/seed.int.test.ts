import { TEST_ARGON2 } from '@leadgraph/auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedMarketplaceData, type SeededMarketplaceSummary } from '../../bench/marketplace-seed.ts';
import { browser, ME, SIGN_IN } from '../journeys.ts';
import { startPlatform, type Platform } from '../platform.ts';
import { FEED, PRO_PAGE, dataOf, database } from './support.ts';

/**
 * What `pnpm seed` promises a newcomer, on a small scale: the printed demo accounts sign in
 * through the gateway with the printed password, the seeded pro's feed has leads, and every
 * seeded review is about a lead its author completed with that pro.
 */
describe('the marketplace seed (pnpm seed, gateway bench)', () => {
  let platform: Platform;
  let seeded: SeededMarketplaceSummary;
  beforeAll(async () => {
    platform = await startPlatform();
    const dbs = { users: await database(platform, 'users'), leads: await database(platform, 'leads'), reviews: await database(platform, 'reviews') };
    try {
      seeded = await seedMarketplaceData(dbs, { clients: 40, pros: 30, admins: 1, leads: 600, reviews: 100 }, { argon2: TEST_ARGON2 });
    } finally {
      await Promise.all(Object.values(dbs).map((db) => db.close()));
    }
  }, 60_000);
  afterAll(async () => {
    await platform?.stop();
  });

  it('lets the demo client, pro and admin sign in through the gateway with the seed password', async () => {
    const { clients, pros, admins, password } = seeded.accounts;
    const pro = pros.find((p) => p.status === 'VERIFIED')!;
    for (const [account, role] of [[clients[0]!, 'CLIENT'], [pro, 'PRO'], [admins[0]!, 'ADMIN']] as const) {
      const b = browser(platform);
      dataOf(await b.send(SIGN_IN, { email: account.email, password }));
      expect(dataOf(await b.send(ME))).toEqual({ me: { id: account.id, name: account.name, email: account.email, emailVerified: true, role } });
    }
  });

  it('gives verified pros leads in their feed and reviews that belong to completed leads', async () => {
    // 600 live leads, plus completed history so that every review asked for has its own lead.
    expect(seeded.leads.leads).toBeGreaterThanOrEqual(600);
    expect(seeded.completedLeads).toBeGreaterThanOrEqual(100);
    expect(seeded.reviews).toBe(100);
    const { pros, password } = seeded.accounts;
    const leadsDb = await database(platform, 'leads');
    const reviewsDb = await database(platform, 'reviews');
    try {
      const reviews = await reviewsDb.collection('reviews').find({}).toArray();
      const leads = await leadsDb.collection('leads').find({ _id: { $in: reviews.map((r) => r.leadId) } }).toArray();
      const byId = new Map(leads.map((l) => [String(l._id), l]));
      for (const review of reviews) {
        const lead = byId.get(String(review.leadId));
        expect({ status: lead?.status, client: String(lead?.clientId), pro: String(lead?.hiredProId) }).toEqual({
          status: 'COMPLETED',
          client: String(review.authorId),
          pro: String(review.proId),
        });
      }
      const reviewed = String(reviews[0]!.proId);
      const count = reviews.filter((r) => String(r.proId) === reviewed).length;
      const page = dataOf(await browser(platform).send<{ user: { rating: { count: number } } }>(PRO_PAGE, { id: reviewed }));
      expect(page.user.rating.count).toBe(count);
      // A pro who responded to a lead still open was matched to it: it is in their feed.
      const open = await leadsDb.collection('leads').findOne({ status: 'OPEN', responseCount: { $gt: 0 }, expiresAt: { $gt: new Date() } });
      const response = await leadsDb.collection('responses').findOne({ leadId: open!._id });
      const pro = pros.find((p) => p.id === String(response!.proId))!;
      const b = browser(platform);
      dataOf(await b.send(SIGN_IN, { email: pro.email, password }));
      const feed = dataOf(await b.send<{ leadFeed: { edges: { node: { id: string } }[] } }>(FEED, { first: 100 }));
      expect(feed.leadFeed.edges.map((e) => e.node.id)).toContain(String(open!._id));
    } finally {
      await Promise.all([leadsDb.close(), reviewsDb.close()]);
    }
  });
});
