import { seedMarketplace as seedLeads, type MarketplaceSeed } from '@leadgraph/subgraph-leads/seed';
import { seedReviews } from '@leadgraph/subgraph-reviews/seed';
import { seedMarketplace as seedUsers, type SeededMarketplace } from '@leadgraph/subgraph-users/seed';
import type { Argon2Params } from '@leadgraph/auth';
import type { connectDatabase } from '@leadgraph/db';

type Database = Awaited<ReturnType<typeof connectDatabase>>;

/**
 * The marketplace at scale, from each subgraph's own seed export (the users seed's pros feed
 * the leads seed's matching, the leads seed's completed leads feed the reviews seed), so the
 * data is consistent across the three databases: every review is about a real completed lead,
 * by its client, of the pro hired on it. Shared by `pnpm seed` and the gateway bench.
 * Expects empty collections (the seeds use stable ids).
 */
export interface MarketplaceAmounts {
  clients: number;
  pros: number;
  admins: number;
  leads: number;
  /** Reviews wanted: one per completed lead (the leads seed adds completed history leads so there are enough). */
  reviews: number;
}

export const MARKETPLACE_AT_SCALE: MarketplaceAmounts = { clients: 2_000, pros: 1_000, admins: 3, leads: 10_000, reviews: 50_000 };

export interface SeededMarketplaceSummary {
  accounts: SeededMarketplace;
  leads: Omit<MarketplaceSeed, 'completedLeads'>;
  completedLeads: number;
  reviews: number;
  reviewedPros: number;
}

export async function seedMarketplaceData(
  dbs: { users: Database; leads: Database; reviews: Database },
  amounts: MarketplaceAmounts,
  options: { argon2?: Argon2Params; progress?: (line: string) => void } = {},
): Promise<SeededMarketplaceSummary> {
  const say = options.progress ?? (() => {});
  const accounts = await seedUsers(dbs.users, {
    clients: amounts.clients,
    pros: amounts.pros,
    admins: amounts.admins,
    ...(options.argon2 === undefined ? {} : { argon2: options.argon2 }),
  });
  say(`users: ${accounts.clients.length} clients, ${accounts.pros.length} pros, ${accounts.admins.length} admins`);
  const { completedLeads, ...leads } = await seedLeads(dbs.leads, {
    clientIds: accounts.clients.map((c) => c.id),
    pros: accounts.pros.map((p) => ({ proId: p.id, matchable: p.matchable, categories: p.categories, serviceAreas: p.serviceAreas })),
    leads: amounts.leads,
    // Older completed history on top of the live leads, so every review asked for has its own completed lead.
    minCompleted: amounts.reviews,
  });
  say(`leads: ${leads.leads} (${Object.entries(leads.byStatus).map(([s, n]) => `${n} ${s}`).join(', ')}), ${leads.responses} responses, ${leads.messages} messages`);
  // One review per completed lead (the reviews seed's unique index): as many as asked, at most one each.
  const reviews = await seedReviews(dbs.reviews, completedLeads.slice(0, amounts.reviews));
  say(`reviews: ${reviews.reviews} about ${reviews.pros} pros`);
  if (reviews.reviews < amounts.reviews) {
    say(
      `  (${amounts.reviews} reviews wanted, but the leads seed completed only ${completedLeads.length} leads; ` +
        'reviews are never written without a completed lead)',
    );
  }
  return { accounts, leads, completedLeads: completedLeads.length, reviews: reviews.reviews, reviewedPros: reviews.pros };
}
