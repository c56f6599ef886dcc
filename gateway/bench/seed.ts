import { TEST_ARGON2 } from '@leadgraph/auth';
import { connectDatabase } from '@leadgraph/db';
import type { Platform } from '../test/platform.ts';
import { MARKETPLACE_AT_SCALE, seedMarketplaceData } from './marketplace-seed.ts';

/** Who the marketplace cases act as: picked from the seeded data so each page is a full one. */
export interface BenchData {
  summary: string;
  password: string;
  /** The verified pro with the most open leads in their feed. */
  feedPro: { id: string; email: string; openLeads: number };
  /** The pro with the most reviews. */
  reviewedPro: { id: string; reviews: number };
}

/**
 * Fills the platform's fresh databases with the marketplace at scale (`pnpm seed`'s amounts:
 * 2,000 clients, 1,000 pros, 10,000 leads, reviews of the completed leads) with the subgraphs'
 * seed exports, and picks the busiest pro for the feed and the most reviewed pro for the profile.
 */
export async function seedBenchData(platform: Platform): Promise<BenchData> {
  const users = await connectDatabase(platform.mongo.uri, platform.dbNames.users);
  const leads = await connectDatabase(platform.mongo.uri, platform.dbNames.leads);
  const reviews = await connectDatabase(platform.mongo.uri, platform.dbNames.reviews);
  try {
    const seeded = await seedMarketplaceData({ users, leads, reviews }, MARKETPLACE_AT_SCALE, { argon2: TEST_ARGON2 });
    // Contract C1's matching rule over the open leads, to find the pro whose feed is fullest.
    const open = await leads
      .collection<{ category: string; location: { countryCode: string; postalKey: string } }>('leads')
      .find({ status: 'OPEN', expiresAt: { $gt: new Date() } }, { projection: { category: 1, location: 1 } })
      .toArray();
    const matches = (pro: (typeof seeded.accounts.pros)[number]) =>
      open.filter(
        (lead) =>
          pro.categories.includes(lead.category as never) &&
          pro.serviceAreas.some((a) => a.countryCode === lead.location.countryCode && lead.location.postalKey.startsWith(a.postalPrefix)),
      ).length;
    const feedPro = seeded.accounts.pros
      .filter((p) => p.matchable)
      .map((p) => ({ id: p.id, email: p.email, openLeads: matches(p) }))
      .sort((a, b) => b.openLeads - a.openLeads)[0]!;
    const top = await reviews.collection<{ _id: unknown; count: number }>('pro_ratings').find({}).sort({ count: -1 }).limit(1).next();
    const { clients, pros, admins } = seeded.accounts;
    return {
      summary:
        `${clients.length} clients, ${pros.length} pros, ${admins.length} admins, ${seeded.leads.leads} leads ` +
        `(${seeded.leads.byStatus.OPEN} open), ${seeded.leads.responses} responses, ${seeded.reviews} reviews`,
      password: seeded.accounts.password,
      feedPro,
      reviewedPro: { id: String(top!._id), reviews: top!.count },
    };
  } finally {
    await Promise.all([users.close(), leads.close(), reviews.close()]);
  }
}
