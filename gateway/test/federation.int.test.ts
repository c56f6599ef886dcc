import { connectDatabase } from '@leadgraph/db';
import { createLeads } from '@leadgraph/subgraph-leads/seed';
import { createReviews } from '@leadgraph/subgraph-reviews/seed';
import { createUser } from '@leadgraph/subgraph-users/seed';
import { graphql } from '@leadgraph/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type Platform } from './platform.ts';
import { signedInAs } from './sign-in.ts';

let platform: Platform;
let seeded: Awaited<ReturnType<typeof seed>>;
/** A lead is visible to its client (and admins): queries here are sent as the seeded client. */
let headers: Record<string, string>;
/** All leads (`Query.leads`) are for admins. */
let adminHeaders: Record<string, string>;

type Client = Awaited<ReturnType<typeof signedInAs>>['user'];

/** The client's three leads and two reviews about one pro, written with the subgraphs' factories. */
async function seed(target: Platform, client: Client) {
  const connections = await Promise.all(
    (['users', 'leads', 'reviews'] as const).map((name) => connectDatabase(target.mongo.uri, target.dbNames[name])),
  );
  const [users, leads, reviews] = connections as [(typeof connections)[0], (typeof connections)[0], (typeof connections)[0]];
  try {
    const pro = await createUser(users, { role: 'pro', name: 'Babbage Removals' });
    const clientLeads = await createLeads(leads, [
      { clientId: client._id, title: 'Move a piano', category: 'MOVING' },
      { clientId: client._id, title: 'A week in Lisbon', category: 'TRAVEL' },
      { clientId: client._id, title: 'Wedding photos', category: 'PHOTOGRAPHY' },
    ]);
    const written = await createReviews(reviews, [
      { authorId: client._id, proId: pro._id, rating: 5, body: 'Careful and on time.' },
      { authorId: client._id, proId: pro._id, rating: 4, body: 'Good, a little late.' },
    ]);
    return { client, pro, leads: clientLeads, reviews: written };
  } finally {
    await Promise.all(connections.map((connection) => connection.close()));
  }
}

beforeAll(async () => {
  platform = await startPlatform();
  const ada = await signedInAs(platform, 'client', 'Ada Lovelace');
  seeded = await seed(platform, ada.user);
  headers = ada.cookie;
  adminHeaders = (await signedInAs(platform, 'admin')).cookie;
});
afterAll(() => platform?.stop());

const hex = (record: { _id: { toHexString(): string } }) => record._id.toHexString();
const newestFirst = <T>(items: readonly T[]) => [...items].reverse();

describe('federated queries through the gateway', () => {
  it('resolves a lead with its client from the users subgraph', async () => {
    const lead = seeded.leads[0]!;
    const { status, body } = await graphql(
      platform.graphqlUrl,
      'query Lead($id: ID!) { lead(id: $id) { id title category client { id name role } } }',
      { id: hex(lead) },
      headers,
    );
    expect(status).toBe(200);
    expect(body).toEqual({
      data: {
        lead: {
          id: hex(lead),
          title: 'Move a piano',
          category: 'MOVING',
          client: { id: hex(seeded.client), name: 'Ada Lovelace', role: 'CLIENT' },
        },
      },
    });
  });

  it('resolves a user with their leads and the reviews they wrote, across three subgraphs', async () => {
    const { body } = await graphql(
      platform.graphqlUrl,
      `query User($id: ID!) {
        user(id: $id) {
          id name
          leads { edges { node { id title } } }
          reviewsWritten { edges { node { id rating body pro { id name } } } }
        }
      }`,
      { id: hex(seeded.client) },
      headers,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({
      user: {
        id: hex(seeded.client),
        name: 'Ada Lovelace',
        leads: { edges: newestFirst(seeded.leads).map((lead) => ({ node: { id: hex(lead), title: lead.title } })) },
        reviewsWritten: {
          edges: newestFirst(seeded.reviews).map((review) => ({
            node: {
              id: hex(review),
              rating: review.rating,
              body: review.body,
              pro: { id: hex(seeded.pro), name: 'Babbage Removals' },
            },
          })),
        },
      },
    });
  });

  it("resolves a pro's reviews with each author's name", async () => {
    const { body } = await graphql(
      platform.graphqlUrl,
      'query Pro($id: ID!) { user(id: $id) { role reviews { edges { node { rating author { name } } } } } }',
      { id: hex(seeded.pro) },
      headers,
    );
    expect(body).toEqual({
      data: {
        user: {
          role: 'PRO',
          reviews: { edges: [{ node: { rating: 4, author: { name: 'Ada Lovelace' } } }, { node: { rating: 5, author: { name: 'Ada Lovelace' } } }] },
        },
      },
    });
  });

  it('lists leads with their clients in one request (entities batched per subgraph)', async () => {
    const { body } = await graphql(platform.graphqlUrl, '{ leads(first: 10) { edges { node { title client { name } } } } }', undefined, adminHeaders);
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({
      leads: {
        edges: newestFirst(seeded.leads).map((lead) => ({ node: { title: lead.title, client: { name: 'Ada Lovelace' } } })),
      },
    });
  });

  it('returns null for an unknown id and a coded error for a malformed one', async () => {
    const missing = await graphql(platform.graphqlUrl, '{ lead(id: "65f1c0ffee0000000000abcd") { id } }', undefined, headers);
    expect(missing.body).toEqual({ data: { lead: null } });
    const malformed = await graphql(platform.graphqlUrl, '{ lead(id: "nope") { id } }', undefined, headers);
    expect(malformed.body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'INVALID_ID', serviceName: 'leads' });
  });
});
