import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MongoHandle } from '@leadgraph/db';
import { graphql, startTestDatabase } from '@leadgraph/testing';
import { as, newId, setupReviews, snapshot } from './helpers.ts';

let mongo: MongoHandle;
beforeAll(async () => {
  mongo = await startTestDatabase();
});
afterAll(() => mongo.stop());

const WRITE = `mutation ($input: WriteReviewInput!) {
  writeReview(input: $input) { id rating body authorId proId author { id } pro { id } reply { body } createdAt }
}`;
const REPLY = `mutation ($input: ReplyToReviewInput!) {
  replyToReview(input: $input) { id reply { proId body createdAt } }
}`;
const BODY = 'Great job on the kitchen, on time and tidy.';

type Written = { writeReview: { id: string; rating: number; body: string; authorId: string; proId: string } };

describe('writeReview', () => {
  it('lets the client review the pro hired for their completed lead, and counts it in the rating', async () => {
    const { url, db, peer } = await setupReviews(mongo);
    const [client, pro] = [newId(), newId()];
    const leadId = await peer.completedLead(client, pro);
    const res = await graphql<Written>(url, WRITE, { input: { leadId, rating: 4, body: `  ${BODY}  ` } }, as(client, 'client'));
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.writeReview).toMatchObject({ rating: 4, body: BODY, authorId: client, proId: pro, author: { id: client }, pro: { id: pro }, reply: null });
    const stored = await db.collection('reviews').findOne({});
    expect(stored?.leadId.toHexString()).toBe(leadId);
    const rating = await graphql<{ _entities: Array<{ rating: unknown }> }>(
      url,
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { rating { average count distribution { stars count } } } } }',
      { r: [{ __typename: 'User', id: pro }] },
    );
    expect(rating.body.data?._entities[0]?.rating).toEqual({
      average: 4,
      count: 1,
      distribution: [1, 2, 3, 4, 5].map((stars) => ({ stars, count: stars === 4 ? 1 : 0 })),
    });
  });

  it.each([
    ['rating 0', { rating: 0 }, ['rating']],
    ['rating 6', { rating: 6 }, ['rating']],
    ['an empty body', { body: '' }, ['body']],
    ['a blank body', { body: '          ' }, ['body']],
    ['a body too long', { body: 'x'.repeat(5001) }, ['body']],
    ['a malformed lead id', { leadId: 'nope' }, ['leadId']],
    ['rating 0 and an empty body', { rating: 0, body: '' }, ['rating', 'body']],
  ])('refuses %s with BAD_USER_INPUT naming the field, writing nothing and asking nobody', async (_label, change, fields) => {
    // The leads service is down: a BAD_USER_INPUT (not SERVICE_UNAVAILABLE) shows it was never asked.
    const { url, db } = await setupReviews(mongo, { leadsDown: true });
    const [client, leadId] = [newId(), newId()];
    const before = await snapshot(db);
    const res = await graphql(url, WRITE, { input: { leadId, rating: 5, body: BODY, ...change } }, as(client, 'client'));
    expect(res.body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'INVALID_INPUT', fields });
    expect(res.body.errors?.[0]?.message).not.toContain('x'.repeat(20));
    expect(await snapshot(db)).toEqual(before);
  });

  it('refuses a rating that is not an integer (2.5) before it reaches the resolver', async () => {
    const { url, db } = await setupReviews(mongo, { leadsDown: true });
    const res = await graphql(url, WRITE, { input: { leadId: newId(), rating: 2.5, body: BODY } }, as(newId(), 'client'));
    expect(res.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await db.collection('reviews').countDocuments()).toBe(0);
  });

  it('answers NOT_ELIGIBLE the same way for an unknown lead, a stranger, a lead not completed and nobody hired', async () => {
    const { url, db, peer } = await setupReviews(mongo);
    const [client, pro, stranger] = [newId(), newId(), newId()];
    const completed = await peer.completedLead(client, pro);
    const hired = await peer.lead(client, 'HIRED', pro);
    const open = await peer.lead(client, 'OPEN', null);
    const closed = await peer.lead(client, 'CLOSED', pro);
    const attempts = [
      { leadId: newId(), caller: client },
      { leadId: completed, caller: stranger },
      { leadId: completed, caller: pro },
      { leadId: hired, caller: client },
      { leadId: open, caller: client },
      { leadId: closed, caller: client },
    ];
    const errors = [];
    for (const { leadId, caller } of attempts) {
      const res = await graphql(url, WRITE, { input: { leadId, rating: 5, body: BODY } }, as(caller, 'client'));
      errors.push(res.body.errors?.[0]);
    }
    const first = errors[0];
    expect(first).toMatchObject({ extensions: { code: 'NOT_ELIGIBLE' } });
    for (const error of errors) expect(error).toEqual(first);
    expect(await snapshot(db)).toEqual({ reviews: [], pro_ratings: [], review_moderation_audit: [] });
  });

  it('refuses a second review of the same lead with ALREADY_REVIEWED, even when both race', async () => {
    const { url, db, peer } = await setupReviews(mongo);
    const [client, pro] = [newId(), newId()];
    const leadId = await peer.completedLead(client, pro);
    const results = await Promise.all(
      [3, 5, 4].map((rating) => graphql<Written>(url, WRITE, { input: { leadId, rating, body: BODY } }, as(client, 'client'))),
    );
    const ok = results.filter((r) => r.body.errors === undefined);
    expect(ok).toHaveLength(1);
    expect(results.filter((r) => r.body.errors?.[0]?.extensions?.code === 'ALREADY_REVIEWED')).toHaveLength(2);
    expect(await db.collection('reviews').countDocuments()).toBe(1);
    const aggregate = await db.collection('pro_ratings').findOne({});
    expect(aggregate).toMatchObject({ count: 1, sum: ok[0]!.body.data?.writeReview.rating });
  });

  it('refuses anonymous callers with UNAUTHENTICATED', async () => {
    const { url, peer, db } = await setupReviews(mongo);
    const leadId = await peer.completedLead(newId(), newId());
    const res = await graphql(url, WRITE, { input: { leadId, rating: 5, body: BODY } });
    expect(res.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await db.collection('reviews').countDocuments()).toBe(0);
  });

  it('answers SERVICE_UNAVAILABLE and writes nothing when the leads service is down', async () => {
    const { url, db } = await setupReviews(mongo, { leadsDown: true });
    const res = await graphql(url, WRITE, { input: { leadId: newId(), rating: 5, body: BODY } }, as(newId(), 'client'));
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', service: 'leads' });
    expect(await snapshot(db)).toEqual({ reviews: [], pro_ratings: [], review_moderation_audit: [] });
  });
});

describe('replyToReview', () => {
  async function reviewed() {
    const setup = await setupReviews(mongo);
    const [client, pro] = [newId(), newId()];
    const leadId = await setup.peer.completedLead(client, pro);
    const res = await graphql<Written>(setup.url, WRITE, { input: { leadId, rating: 2, body: BODY } }, as(client, 'client'));
    return { ...setup, client, pro, reviewId: res.body.data!.writeReview.id };
  }

  it('lets the reviewed pro reply once; a second reply is ALREADY_REPLIED and changes nothing', async () => {
    const { url, db, pro, reviewId } = await reviewed();
    const first = await graphql<{ replyToReview: { reply: { proId: string; body: string } } }>(
      url,
      REPLY,
      { input: { reviewId, body: ' Thank you, sorry about the delay. ' } },
      as(pro, 'pro'),
    );
    expect(first.body.data?.replyToReview.reply).toMatchObject({ proId: pro, body: 'Thank you, sorry about the delay.' });
    const before = await snapshot(db);
    const second = await graphql(url, REPLY, { input: { reviewId, body: 'Changed my mind.' } }, as(pro, 'pro'));
    expect(second.body.errors?.[0]?.extensions).toMatchObject({ code: 'ALREADY_REPLIED' });
    expect(await snapshot(db)).toEqual(before);
  });

  it('refuses anyone but the reviewed pro with FORBIDDEN, an unknown review with NOT_FOUND, bad input with BAD_USER_INPUT', async () => {
    const { url, db, client, pro, reviewId } = await reviewed();
    const before = await snapshot(db);
    const byClient = await graphql(url, REPLY, { input: { reviewId, body: 'Me too.' } }, as(client, 'client'));
    expect(byClient.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_REVIEWED_PRO' });
    const otherPro = await graphql(url, REPLY, { input: { reviewId, body: 'Not mine.' } }, as(newId(), 'pro'));
    expect(otherPro.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    const unknown = await graphql(url, REPLY, { input: { reviewId: newId(), body: 'Hello' } }, as(pro, 'pro'));
    expect(unknown.body.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
    const empty = await graphql(url, REPLY, { input: { reviewId, body: '   ' } }, as(pro, 'pro'));
    expect(empty.body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'INVALID_INPUT', fields: ['body'] });
    const anonymous = await graphql(url, REPLY, { input: { reviewId, body: 'Hello' } });
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await snapshot(db)).toEqual(before);
  });
});
