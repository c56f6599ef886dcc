import mongoose, { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { MongoHandle } from '@leadgraph/db';
import { startTestDatabase } from '@leadgraph/testing';
import { createLeads, createResponses, type LeadInput } from '../src/seed/index.ts';
import { caller, newId, setupLeads, verifiedPro } from './support.ts';

let mongo: MongoHandle;
beforeAll(async () => {
  mongo = await startTestDatabase();
});
afterAll(() => mongo.stop());

const FEED = /* GraphQL */ `
  query ($first: Int, $after: String, $filter: LeadFeedFilter) {
    leadFeed(first: $first, after: $after, filter: $filter) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } }
  }
`;
type Feed = { leadFeed: { edges: Array<{ node: { id: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
const ids = (res: { body: { data?: Feed } }) => res.body.data?.leadFeed.edges.map((e) => e.node.id) ?? [];
const MINUTE = 60_000;

describe('leadFeed', () => {
  it('lists OPEN leads in the pro\'s categories and areas, newest first, paging stably through equal dates', async () => {
    const { url, db, users } = await setupLeads(mongo);
    const pro = await verifiedPro(users, url, {
      categories: ['MOVING', 'CLEANING'],
      serviceAreas: [
        { countryCode: 'FR', postalPrefix: '75' },
        { countryCode: 'NL', postalPrefix: '1012' },
      ],
    });
    const t0 = Date.now() - 100 * MINUTE;
    const at = (m: number) => new Date(t0 + m * MINUTE);
    const base = (input: Partial<LeadInput>): LeadInput => ({ clientId: newId(), category: 'MOVING', countryCode: 'FR', postalCode: '75011', ...input });
    const [match1, tieA, tieB, nl, , , , , , cleaning] = await createLeads(db, [
      base({ createdAt: at(1) }),
      base({ createdAt: at(5) }),
      base({ createdAt: at(5) }),
      base({ createdAt: at(7), countryCode: 'NL', postalCode: '1012 AB' }),
      base({ createdAt: at(8), countryCode: 'NL', postalCode: '1013 AB' }), // another prefix
      base({ createdAt: at(9), postalCode: '69001' }), // Lyon: not served
      base({ createdAt: at(10), countryCode: 'DE', postalCode: '75011' }), // same code, other country
      base({ createdAt: at(11), category: 'TUTORING' }), // other trade
      base({ createdAt: at(12), status: 'HIRED' }), // not OPEN
      base({ createdAt: at(13), category: 'CLEANING' }),
      base({ createdAt: at(14), expiresAt: new Date(Date.now() - 1000) }), // past its time
    ]);
    const tieIds = [tieA!, tieB!].map((l) => l._id.toHexString()).sort().reverse();
    const expected = [cleaning!._id.toHexString(), nl!._id.toHexString(), ...tieIds, match1!._id.toHexString()];
    const all = await pro.ask<Feed>(FEED, { first: 100 });
    expect(ids(all)).toEqual(expected);
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 5; page += 1) {
      const res: { body: { data?: Feed } } = await pro.ask<Feed>(FEED, { first: 2, after });
      seen.push(...ids(res));
      after = res.body.data?.leadFeed.pageInfo.endCursor ?? null;
      if (res.body.data?.leadFeed.pageInfo.hasNextPage !== true) break;
    }
    expect(seen).toEqual(expected);
  });

  it('narrows by categories, country, postedAfter and a minimum budget', async () => {
    const { url, db, users } = await setupLeads(mongo);
    const pro = await verifiedPro(users, url, {
      categories: ['MOVING', 'CLEANING'],
      serviceAreas: [{ countryCode: 'FR', postalPrefix: '' }, { countryCode: 'GB', postalPrefix: 'SW1' }],
    });
    const t0 = Date.now() - 100 * MINUTE;
    const [old, cleaning, gb] = await createLeads(db, [
      { clientId: newId(), category: 'MOVING', countryCode: 'FR', postalCode: '33000', createdAt: new Date(t0) },
      { clientId: newId(), category: 'CLEANING', countryCode: 'FR', postalCode: '69002', createdAt: new Date(t0 + 10 * MINUTE) },
      { clientId: newId(), category: 'MOVING', countryCode: 'GB', postalCode: 'SW1A 1AA', createdAt: new Date(t0 + 20 * MINUTE) },
    ]);
    await db.collection('leads').updateOne({ _id: gb!._id }, { $set: { budget: { min: 100, max: 500_000, currency: 'GBP' } } });
    const id = (l: { _id: Types.ObjectId }) => l._id.toHexString();
    expect(ids(await pro.ask<Feed>(FEED, { filter: { categories: ['CLEANING', 'TUTORING'] } }))).toEqual([id(cleaning!)]);
    expect(ids(await pro.ask<Feed>(FEED, { filter: { countryCode: 'gb' } }))).toEqual([id(gb!)]);
    expect(ids(await pro.ask<Feed>(FEED, { filter: { postedAfter: new Date(t0 + 5 * MINUTE).toISOString() } }))).toEqual([id(gb!), id(cleaning!)]);
    expect(ids(await pro.ask<Feed>(FEED, { filter: { budgetMin: { amount: 400_000, currency: 'GBP' } } }))).toEqual([id(gb!)]);
    expect(ids(await pro.ask<Feed>(FEED, {}))).toEqual([id(gb!), id(cleaning!), id(old!)]);
    const bad = await pro.ask(FEED, { filter: { countryCode: 'France' } });
    expect(bad.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.countryCode' });
  });

  it('refuses a pro who is not matchable, or unknown to users, with PRO_NOT_VERIFIED; clients get FORBIDDEN', async () => {
    const { url, users } = await setupLeads(mongo);
    for (const who of [await verifiedPro(users, url, { matchable: false }), caller(url, 'pro')]) {
      expect((await who.ask(FEED, {})).body.errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN', reason: 'PRO_NOT_VERIFIED' });
    }
    expect((await caller(url, 'client').ask(FEED, {})).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('database work does not grow with the page size', () => {
  /**
   * Counts the database operations mongoose issues on the marketplace collections while `run`
   * runs. The access log's batched background flush (`privacy_access_log`, on its own timer) is
   * left out: it does not belong to the request and its timing is the writer's.
   */
  async function countOperations(run: () => Promise<unknown>): Promise<number> {
    let count = 0;
    mongoose.set('debug', (collection: string) => {
      if (['leads', 'responses', 'messages', 'pending_notifications'].includes(collection)) count += 1;
    });
    onTestFinished(() => void mongoose.set('debug', false));
    await run();
    mongoose.set('debug', false);
    return count;
  }

  it('leadFeed and User.leads issue the same operations for first: 10 and first: 100', async () => {
    // No background jobs: only the requests' own operations are counted.
    const { url, db, users } = await setupLeads(mongo, { schedulerPollMs: false });
    const client = caller(url, 'client');
    const pro = await verifiedPro(users, url);
    const t0 = Date.now() - 1000 * MINUTE;
    const leads = await createLeads(
      db,
      Array.from({ length: 150 }, (_, i) => ({ clientId: client.id, category: 'MOVING' as const, countryCode: 'FR', postalCode: '75011', createdAt: new Date(t0 + i * MINUTE) })),
    );
    await createResponses(db, leads.flatMap((lead, i) => [{ lead, proId: pro.id }, ...(i % 2 === 0 ? [{ lead, proId: newId() }] : [])]));
    const feed = /* GraphQL */ `
      query ($n: Int) { leadFeed(first: $n) { edges { node {
        id title description status location { city } details { value } contact { email }
        responseCount responses { edges { node { id message quote { amount } } } } hiredResponse { id } client { id }
      } } } }
    `;
    const mine = /* GraphQL */ `
      query ($r: [_Any!]!, $n: Int) { _entities(representations: $r) { ... on User { leads(first: $n) { edges { node {
        id description contact { phone } responses { edges { node { id pro { id } message } } } hiredPro { id }
      } } } } } }
    `;
    const feedOps = async (n: number) =>
      countOperations(async () => {
        const res = await pro.ask<{ leadFeed: { edges: unknown[] } }>(feed, { n });
        expect(res.body.data?.leadFeed.edges).toHaveLength(n);
      });
    const mineOps = async (n: number) =>
      countOperations(async () => {
        const res = await client.ask<{ _entities: Array<{ leads: { edges: unknown[] } }> }>(mine, { n, r: [{ __typename: 'User', id: client.id }] });
        expect(res.body.data?._entities[0]?.leads.edges).toHaveLength(n);
      });
    const [feed10, feed100, mine10, mine100] = [await feedOps(10), await feedOps(100), await mineOps(10), await mineOps(100)];
    expect(feed100).toBe(feed10);
    expect(mine100).toBe(mine10);
    expect(feed10).toBeLessThanOrEqual(3);
  });
});
