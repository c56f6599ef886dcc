import mongoose, { type Connection } from 'mongoose';

import type { MongoHandle } from '@leadgraph/db';
import { IDENTITY_HEADER, signAssertion, type Role } from '@leadgraph/identity';
import { createLogger } from '@leadgraph/logging';
import { startSubgraph as startLeads } from '@leadgraph/subgraph-leads';
import { createLead } from '@leadgraph/subgraph-leads/seed';
import { startSubgraphUnderTest, type SubgraphUnderTest } from '@leadgraph/testing';
import { startSubgraph } from '../src/server.ts';

/** The key the test's "gateway" and the services sign with. */
export const KEY = 'reviews-test-signing-key-0123456789abcdef';

const silent = createLogger('reviews-test', { level: 'silent' });

export const newId = () => new mongoose.Types.ObjectId().toHexString();

/** Headers of a signed-in caller, as the gateway would send them. */
export function as(userId: string, role: Role): Record<string, string> {
  const identity = { userId, role, sessionId: `s-${userId}`, authenticatedAt: Date.now(), scopes: [], clientIp: null };
  return { [IDENTITY_HEADER]: signAssertion(identity, KEY, 60) };
}

/** The real leads subgraph (it answers contract C3 `leadParticipation`), with its database to seed leads. */
export interface LeadsPeer {
  url: string;
  db: Connection;
  /** A lead of `clientId` in `status` with `proId` hired (or nobody); returns its id. */
  lead(clientId: string, status: 'OPEN' | 'HIRED' | 'COMPLETED' | 'CLOSED', proId: string | null): Promise<string>;
  /** A COMPLETED lead of `clientId` with `proId` hired; returns its id. */
  completedLead(clientId: string, proId: string): Promise<string>;
}

/** Starts the leads subgraph in this process on its own database, stopped after the test. */
export async function startLeadsPeer(mongo: MongoHandle): Promise<LeadsPeer> {
  const leads = await startSubgraphUnderTest(
    // Its own peers (users, for service mails) are not needed for `leadParticipation`.
    (options) => startLeads({ ...options, identitySigningKey: KEY, logger: silent, peerUrl: () => 'http://127.0.0.1:1/graphql' }),
    mongo,
    'reviews_leads',
  );
  const lead: LeadsPeer['lead'] = async (clientId, status, proId) => {
    const created = await createLead(leads.db, { clientId, status, hiredProId: proId });
    return created._id.toHexString();
  };
  return { url: leads.url, db: leads.db, lead, completedLead: (clientId, proId) => lead(clientId, 'COMPLETED', proId) };
}

export interface ReviewsUnderTest extends SubgraphUnderTest {
  peer: LeadsPeer;
}

/**
 * The reviews subgraph on its own database, calling the real leads subgraph for eligibility
 * (or, with `leadsDown`, a port where nothing listens); everything is stopped after the test.
 */
export async function setupReviews(mongo: MongoHandle, options: { leadsDown?: boolean } = {}): Promise<ReviewsUnderTest> {
  const peer = await startLeadsPeer(mongo);
  // Port 1 on loopback: nothing listens, the connection is refused at once.
  const leadsUrl = options.leadsDown === true ? 'http://127.0.0.1:1/graphql' : peer.url;
  const subgraph = await startSubgraphUnderTest(
    (startOptions) => startSubgraph({ ...startOptions, identitySigningKey: KEY, peerUrl: () => leadsUrl, logger: silent }),
    mongo,
    'reviews',
  );
  return { ...subgraph, peer };
}

/** Every document of the subgraph's collections, to assert a refused write changed nothing. */
export async function snapshot(db: Connection): Promise<unknown> {
  const names = ['reviews', 'pro_ratings', 'review_moderation_audit'];
  const entries = await Promise.all(names.map(async (name) => [name, await db.collection(name).find({}).sort({ _id: 1 }).toArray()]));
  return Object.fromEntries(entries);
}

