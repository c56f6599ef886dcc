import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MongoHandle } from '@leadgraph/db';
import { graphql, startTestDatabase } from '@leadgraph/testing';
import { createReviews } from '../src/seed/index.ts';
import { as, newId, setupReviews, snapshot } from './helpers.ts';

let mongo: MongoHandle;
beforeAll(async () => {
  mongo = await startTestDatabase();
});
afterAll(() => mongo.stop());

const HIDE = `mutation ($input: HideReviewInput!) { hideReview(input: $input) { id moderation { hidden reason hiddenAt hiddenBy { id } } } }`;
const UNHIDE = `mutation ($input: UnhideReviewInput!) { unhideReview(input: $input) { id moderation { hidden reason } } }`;
const RATING = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { rating { average count } reviews { edges { node { id } } } } } }';
const REVIEW = 'query ($id: ID!) { review(id: $id) { id moderation { hidden reason } } }';

type RatingAnswer = { _entities: Array<{ rating: { average: number | null; count: number }; reviews: { edges: Array<{ node: { id: string } }> } }> };

async function twoReviews() {
  const setup = await setupReviews(mongo);
  const pro = newId();
  const [low, high] = await createReviews(setup.db, [
    { authorId: newId(), proId: pro, rating: 1 },
    { authorId: newId(), proId: pro, rating: 5 },
  ]);
  return { ...setup, pro, low: low!._id.toHexString(), high: high!._id.toHexString() };
}

describe('hideReview / unhideReview', () => {
  it('hides a review from everyone but admins and from the rating, audited; unhide restores both', async () => {
    const { url, db, pro, low, high } = await twoReviews();
    const admin = newId();
    const ratingOf = async (headers?: Record<string, string>) =>
      (await graphql<RatingAnswer>(url, RATING, { r: [{ __typename: 'User', id: pro }] }, headers)).body.data?._entities[0];
    expect((await ratingOf())?.rating).toEqual({ average: 3, count: 2 });

    const hidden = await graphql<{ hideReview: { moderation: unknown } }>(url, HIDE, { input: { reviewId: low, reason: 'Insults the pro' } }, as(admin, 'admin'));
    expect(hidden.body.data?.hideReview.moderation).toMatchObject({ hidden: true, reason: 'Insults the pro', hiddenBy: { id: admin } });
    expect(await ratingOf()).toEqual({ rating: { average: 5, count: 1 }, reviews: { edges: [{ node: { id: high } }] } });
    // Hidden for the public and for signed-in non-admins; admins see it with the reason.
    expect((await graphql(url, REVIEW, { id: low })).body).toEqual({ data: { review: null } });
    expect((await graphql(url, REVIEW, { id: low }, as(pro, 'pro'))).body).toEqual({ data: { review: null } });
    expect((await graphql(url, REVIEW, { id: low }, as(admin, 'admin'))).body).toEqual({
      data: { review: { id: low, moderation: { hidden: true, reason: 'Insults the pro' } } },
    });
    expect((await graphql(url, REVIEW, { id: high })).body).toEqual({ data: { review: { id: high, moderation: null } } });
    const list = await graphql<{ reviews: { edges: Array<{ node: { id: string } }> } }>(url, '{ reviews { edges { node { id } } } }');
    expect(list.body.data?.reviews.edges.map((e) => e.node.id)).toEqual([high]);
    const adminList = await graphql<{ reviews: { edges: Array<{ node: { id: string } }> } }>(
      url,
      '{ reviews(filter: { visibility: HIDDEN }) { edges { node { id } } } }',
      undefined,
      as(admin, 'admin'),
    );
    expect(adminList.body.data?.reviews.edges.map((e) => e.node.id)).toEqual([low]);

    const again = await graphql(url, HIDE, { input: { reviewId: low, reason: 'Twice' } }, as(admin, 'admin'));
    expect(again.body.errors?.[0]?.extensions).toMatchObject({ code: 'ALREADY_HIDDEN' });

    const shown = await graphql(url, UNHIDE, { input: { reviewId: low, reason: 'Appeal accepted' } }, as(admin, 'admin'));
    expect(shown.body.data).toEqual({ unhideReview: { id: low, moderation: { hidden: false, reason: null } } });
    expect((await ratingOf())?.rating).toEqual({ average: 3, count: 2 });
    const notHidden = await graphql(url, UNHIDE, { input: { reviewId: low, reason: 'Again' } }, as(admin, 'admin'));
    expect(notHidden.body.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_HIDDEN' });

    const audit = await db.collection('review_moderation_audit').find({}).sort({ at: 1 }).toArray();
    expect(audit.map((a) => [a.reviewId.toHexString(), a.action, a.actorId.toHexString(), a.reason, a.at instanceof Date])).toEqual([
      [low, 'HIDE', admin, 'Insults the pro', true],
      [low, 'UNHIDE', admin, 'Appeal accepted', true],
    ]);
  });

  it('refuses non-admins (FORBIDDEN), anonymous callers (UNAUTHENTICATED), bad input and unknown reviews, changing nothing', async () => {
    const { url, db, pro, low } = await twoReviews();
    const before = await snapshot(db);
    const attempts: Array<[Record<string, unknown>, Record<string, string> | undefined, Record<string, unknown>]> = [
      [{ reviewId: low, reason: 'Spam' }, as(pro, 'pro'), { code: 'FORBIDDEN' }],
      [{ reviewId: low, reason: 'Spam' }, as(newId(), 'client'), { code: 'FORBIDDEN' }],
      [{ reviewId: low, reason: 'Spam' }, undefined, { code: 'UNAUTHENTICATED' }],
      [{ reviewId: low, reason: ' ' }, as(newId(), 'admin'), { code: 'BAD_USER_INPUT', fields: ['reason'] }],
      [{ reviewId: 'nope', reason: 'Spam' }, as(newId(), 'admin'), { code: 'BAD_USER_INPUT', fields: ['reviewId'] }],
      [{ reviewId: newId(), reason: 'Spam' }, as(newId(), 'admin'), { code: 'NOT_FOUND' }],
    ];
    for (const [input, headers, expected] of attempts) {
      const res = await graphql(url, HIDE, { input }, headers);
      expect(res.body.errors?.[0]?.extensions).toMatchObject(expected);
    }
    expect(await snapshot(db)).toEqual(before);
  });

  it('lets only one of two admins racing to hide the same review win, counting it out once', async () => {
    const { url, db, pro, low } = await twoReviews();
    const results = await Promise.all(
      [newId(), newId(), newId()].map((admin) => graphql(url, HIDE, { input: { reviewId: low, reason: 'Spam' } }, as(admin, 'admin'))),
    );
    expect(results.filter((r) => r.body.errors === undefined)).toHaveLength(1);
    expect(results.filter((r) => r.body.errors?.[0]?.extensions?.code === 'ALREADY_HIDDEN')).toHaveLength(2);
    expect(await db.collection('review_moderation_audit').countDocuments()).toBe(1);
    const aggregate = await db.collection('pro_ratings').findOne({});
    expect(aggregate?._id.toHexString()).toBe(pro);
    expect(aggregate).toMatchObject({ count: 1, sum: 5, s1: 0, s5: 1 });
  });

  it('refuses hidden or all reviews to non-admins in lists with FORBIDDEN', async () => {
    const { url } = await twoReviews();
    const res = await graphql(url, '{ reviews(filter: { visibility: ALL }) { edges { cursor } } }', undefined, as(newId(), 'pro'));
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'HIDDEN_REVIEWS_FOR_ADMINS' });
  });
});
