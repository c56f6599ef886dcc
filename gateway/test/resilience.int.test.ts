import { connectDatabase } from '@leadgraph/db';
import { createUser } from '@leadgraph/subgraph-users/seed';
import { graphql } from '@leadgraph/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type Platform } from './platform.ts';
import { signedInAs } from './sign-in.ts';

let platform: Platform;
let users: { edges: { node: { id: string } }[] };
/** Listing users is for admins: the queries here are sent as a signed-in admin. */
let headers: Record<string, string>;
beforeAll(async () => {
  platform = await startPlatform();
  const db = await connectDatabase(platform.mongo.uri, platform.dbNames.users);
  const user = await createUser(db, { role: 'pro' });
  await db.close();
  const admin = await signedInAs(platform, 'admin');
  headers = admin.cookie;
  users = { edges: [admin.user, user].map((u) => ({ node: { id: u._id.toHexString() } })) };
});
afterAll(() => platform?.stop());

const health = async () => {
  const response = await fetch(`${platform.gateway.url}/health`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

// `review` is nullable, so a failing reviews subgraph nulls only that field.
const acrossSubgraphs = '{ users(first: 5) { edges { node { id } } } review(id: "65f1c0ffee0000000000abcd") { id } }';

describe('a subgraph going down', () => {
  it('is reported by /health as 503, and 200 once it is back', async () => {
    expect(await health()).toEqual({
      status: 200,
      body: { status: 'ok', schema: 'loaded', sessions: 'ok', subgraphs: { users: 'ok', leads: 'ok', reviews: 'ok', privacy: 'ok' } },
    });

    await platform.stopSubgraph('reviews');
    const down = await health();
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ status: 'unavailable', subgraphs: { reviews: 'unavailable', users: 'ok' } });

    // Partial data with a labelled error (no path: the whole reviews fetch failed), and the
    // gateway keeps serving.
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const { status, body } = await graphql(platform.graphqlUrl, acrossSubgraphs, undefined, headers);
      expect(status).toBe(200);
      expect(body.data).toEqual({ users, review: null });
      expect(body.errors).toEqual([
        {
          message: 'Subgraph "reviews" is unavailable.',
          extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'reviews' },
        },
      ]);
    }
    const unaffected = await graphql(platform.graphqlUrl, '{ users(first: 5) { edges { node { id } } } }', undefined, headers);
    expect(unaffected).toEqual({ status: 200, body: { data: { users } } });

    await platform.restartSubgraph('reviews');
    expect((await health()).status).toBe(200);
    const recovered = await graphql(platform.graphqlUrl, acrossSubgraphs, undefined, headers);
    expect(recovered).toEqual({ status: 200, body: { data: { users, review: null } } });
  });
});
