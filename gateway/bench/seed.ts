import { connectDatabase } from '@leadgraph/db';
import { createLeads } from '@leadgraph/subgraph-leads/seed';
import { createReviews } from '@leadgraph/subgraph-reviews/seed';
import { createUsers } from '@leadgraph/subgraph-users/seed';
import type { Platform } from '../test/platform.ts';

const CLIENTS = 60;
const PROS = 20;
const LEADS = 200;
const REVIEWS = 100;

/** Fills the platform's databases with the subgraphs' seed factories; returns a summary. */
export async function seedBenchData(platform: Platform): Promise<string> {
  const users = await connectDatabase(platform.mongo.uri, platform.dbNames.users);
  const leads = await connectDatabase(platform.mongo.uri, platform.dbNames.leads);
  const reviews = await connectDatabase(platform.mongo.uri, platform.dbNames.reviews);
  try {
    const clients = await createUsers(users, CLIENTS, { role: 'client' });
    const pros = await createUsers(users, PROS, { role: 'pro' });
    await createLeads(
      leads,
      Array.from({ length: LEADS }, (_, i) => ({ clientId: clients[i % clients.length]!._id })),
    );
    await createReviews(
      reviews,
      Array.from({ length: REVIEWS }, (_, i) => ({
        authorId: clients[i % clients.length]!._id,
        proId: pros[i % pros.length]!._id,
      })),
    );
    return `${CLIENTS + PROS} users, ${LEADS} leads, ${REVIEWS} reviews`;
  } finally {
    await Promise.all([users.close(), leads.close(), reviews.close()]);
  }
}
