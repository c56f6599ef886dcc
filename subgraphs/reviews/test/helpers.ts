import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSchema, graphql as execute } from 'graphql';
import mongoose from 'mongoose';
import { onTestFinished } from 'vitest';
import type { MongoHandle } from '@leadgraph/db';
import { IDENTITY_HEADER, identityFromHeaders, isService, signAssertion, type Role } from '@leadgraph/identity';
import { createLogger } from '@leadgraph/logging';
import { startSubgraphUnderTest, type SubgraphUnderTest } from '@leadgraph/testing';
import type { LeadParticipation } from '../src/services/lead-participation.ts';
import { startSubgraph } from '../src/server.ts';

/** The key the test's "gateway" and the services sign with. */
export const KEY = 'reviews-test-signing-key-0123456789abcdef';

export const newId = () => new mongoose.Types.ObjectId().toHexString();

/** Headers of a signed-in caller, as the gateway would send them. */
export function as(userId: string, role: Role): Record<string, string> {
  const identity = { userId, role, sessionId: `s-${userId}`, authenticatedAt: Date.now(), scopes: [], clientIp: null };
  return { [IDENTITY_HEADER]: signAssertion(identity, KEY, 60) };
}

export interface LeadsPeer {
  url: string;
  /** The leads the peer knows, by id. */
  leads: Map<string, LeadParticipation>;
  /** How many calls came in, and how many carried a valid service identity. */
  calls: { total: number; asService: number };
  /** Adds a completed lead of `clientId` with `proId` hired; returns its id. */
  completedLead(clientId: string, proId: string): string;
}

/**
 * A stand-in for the leads subgraph's `leadParticipation` (contract C3): a real GraphQL server
 * over HTTP that answers only service callers, as the leads subgraph does.
 * TODO(issue 5): the leads subgraph's own `leadParticipation` is another helper's work in
 * progress; once it lands, start the real leads subgraph in-process here instead.
 */
export async function startLeadsPeer(): Promise<LeadsPeer> {
  const leads = new Map<string, LeadParticipation>();
  const calls = { total: 0, asService: 0 };
  const schema = buildSchema(`
    enum LeadStatus { OPEN HIRED COMPLETED CLOSED EXPIRED }
    type LeadParticipation { leadId: ID! status: LeadStatus! clientId: ID! hiredProId: ID completedAt: String }
    type Query { leadParticipation(leadId: ID!): LeadParticipation }
  `);
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      calls.total++;
      const service = isService(identityFromHeaders(req.headers, KEY));
      if (service) calls.asService++;
      const { query, variables } = JSON.parse(raw) as { query: string; variables?: Record<string, unknown> };
      const answer = service
        ? execute({ schema, source: query, variableValues: variables, rootValue: { leadParticipation: ({ leadId }: { leadId: string }) => leads.get(leadId) ?? null } })
        : Promise.resolve({ errors: [{ message: 'Forbidden', extensions: { code: 'FORBIDDEN' } }] });
      void answer.then((body) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  return {
    url,
    leads,
    calls,
    completedLead(clientId, proId) {
      const leadId = newId();
      leads.set(leadId, { leadId, status: 'COMPLETED', clientId, hiredProId: proId, completedAt: new Date().toISOString() });
      return leadId;
    },
  };
}

export interface ReviewsUnderTest extends SubgraphUnderTest {
  peer: LeadsPeer;
}

/** The reviews subgraph on its own database, calling a leads peer, both torn down after the test. */
export async function setupReviews(mongo: MongoHandle, options: { leadsDown?: boolean } = {}): Promise<ReviewsUnderTest> {
  const peer = await startLeadsPeer();
  // Port 1 on loopback: nothing listens, the connection is refused at once.
  const leadsUrl = options.leadsDown === true ? 'http://127.0.0.1:1/graphql' : peer.url;
  const subgraph = await startSubgraphUnderTest(
    (options) =>
      startSubgraph({
        ...options,
        identitySigningKey: KEY,
        peerUrl: () => leadsUrl,
        logger: createLogger('reviews-test', { level: 'silent' }),
      }),
    mongo,
    'reviews',
  );
  return { ...subgraph, peer };
}

/** Every document of the subgraph's collections, to assert a refused write changed nothing. */
export async function snapshot(db: mongoose.Connection): Promise<unknown> {
  const names = ['reviews', 'pro_ratings', 'review_moderation_audit'];
  const entries = await Promise.all(names.map(async (name) => [name, await db.collection(name).find({}).sort({ _id: 1 }).toArray()]));
  return Object.fromEntries(entries);
}
