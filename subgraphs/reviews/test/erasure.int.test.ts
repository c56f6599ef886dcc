import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MongoHandle } from '@leadgraph/db';
import { IDENTITY_HEADER, serviceIdentity, signAssertion } from '@leadgraph/identity';
import { createScheduler, manualClock } from '@leadgraph/scheduler';
import { graphql, startTestDatabase } from '@leadgraph/testing';
import { proRatingModel } from '../src/models/pro-rating.ts';
import { reviewModel } from '../src/models/review.ts';
import { personalDataRetentionJob } from '../src/privacy/retention.ts';
import { createReview } from '../src/seed/index.ts';
import { recomputeProRatings } from '../src/services/rating.ts';
import { KEY, as, newId, setupReviews, snapshot } from './helpers.ts';

let mongo: MongoHandle;
beforeAll(async () => {
  mongo = await startTestDatabase();
});
afterAll(() => mongo.stop());

const ERASE = `mutation ($input: EraseDataSubjectInput!) {
  eraseDataSubject(input: $input) { subgraph collections { collection deleted anonymized held } heldUntil }
}`;
const SCAN = `query ($input: ScanForValuesInput!) { scanForValues(input: $input) { collection path count } }`;
const REVIEW = `query ($id: ID!) { review(id: $id) { rating body authorId reply { body } } }`;
const REPLY = `mutation ($input: ReplyToReviewInput!) { replyToReview(input: $input) { id } }`;

type Report = { eraseDataSubject: { subgraph: string; collections: Array<{ collection: string; deleted: number; anonymized: number; held: number }>; heldUntil: string | null } };
type Hits = { scanForValues: Array<{ collection: string; path: string; count: number }> };
type ReviewView = { review: { rating: number; body: string; authorId: string | null; reply: { body: string } | null } | null };

const service = () => ({ [IDENTITY_HEADER]: signAssertion(serviceIdentity('privacy'), KEY, 60) });
const JANE_REVIEW = 'Quillfeather the mover was punctual and careful with the harp';
const REPLY_TEXT = 'Thank you, the harp was a pleasure to carry';

describe('eraseDataSubject (reviews)', () => {
  it("deletes the author's text and link, keeps the rating unlinked (pro_ratings stay right), keeps the pro's reply", async () => {
    const sut = await setupReviews(mongo);
    const [jane, pro, other] = [newId(), newId(), newId()];
    const janes = await createReview(sut.db, { authorId: jane, proId: pro, rating: 5, body: JANE_REVIEW });
    const others = await createReview(sut.db, { authorId: other, proId: pro, rating: 2, body: 'Another client found it slow' });
    const replied = await graphql(sut.url, REPLY, { input: { reviewId: janes._id.toHexString(), body: REPLY_TEXT } }, as(pro, 'pro'));
    expect(replied.body.errors).toBeUndefined();
    const ratingBefore = await proRatingModel(sut.db).findById(pro).lean();

    const before = await graphql<Hits>(sut.url, SCAN, { input: { values: [JANE_REVIEW] } }, service());
    expect(before.body.data?.scanForValues).toEqual([{ collection: 'reviews', path: 'body', count: 1 }]);

    const res = await graphql<Report>(sut.url, ERASE, { input: { subjectId: jane, requestId: newId() } }, service());
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.eraseDataSubject).toEqual({
      subgraph: 'reviews',
      collections: [{ collection: 'reviews', deleted: 1, anonymized: 1, held: 0 }],
      heldUntil: null,
    });

    const view = await graphql<ReviewView>(sut.url, REVIEW, { id: janes._id.toHexString() }, as(newId(), 'client'));
    expect(view.body.data?.review).toEqual({ rating: 5, body: '', authorId: null, reply: { body: REPLY_TEXT } });
    const untouched = await graphql<ReviewView>(sut.url, REVIEW, { id: others._id.toHexString() }, as(newId(), 'client'));
    expect(untouched.body.data?.review).toMatchObject({ rating: 2, body: 'Another client found it slow', authorId: other });
    expect(await reviewModel(sut.db).countDocuments({ authorId: new mongoose.Types.ObjectId(jane) })).toBe(0);

    // The aggregate is unchanged and equal to a recomputation from the reviews.
    expect(await proRatingModel(sut.db).findById(pro).lean()).toEqual(ratingBefore);
    await recomputeProRatings(reviewModel(sut.db), proRatingModel(sut.db));
    expect(await proRatingModel(sut.db).findById(pro).lean()).toEqual(ratingBefore);

    const after = await graphql<Hits>(sut.url, SCAN, { input: { values: [JANE_REVIEW] } }, service());
    expect(after.body.data?.scanForValues).toEqual([]);

    const state = await snapshot(sut.db);
    const again = await graphql<Report>(sut.url, ERASE, { input: { subjectId: jane, requestId: newId() } }, service());
    expect(again.body.data?.eraseDataSubject).toEqual({ subgraph: 'reviews', collections: [], heldUntil: null });
    expect(await snapshot(sut.db)).toEqual(state);
  });

  it("deletes the pro's reply on the pro's erasure and keeps the reviews about them", async () => {
    const sut = await setupReviews(mongo);
    const [client, pro] = [newId(), newId()];
    const review = await createReview(sut.db, { authorId: client, proId: pro, rating: 4, body: 'Good work on the fence, thanks' });
    await graphql(sut.url, REPLY, { input: { reviewId: review._id.toHexString(), body: REPLY_TEXT } }, as(pro, 'pro'));
    const res = await graphql<Report>(sut.url, ERASE, { input: { subjectId: pro, requestId: newId() } }, service());
    expect(res.body.data?.eraseDataSubject.collections).toEqual([{ collection: 'reviews', deleted: 1, anonymized: 0, held: 0 }]);
    const view = await graphql<ReviewView>(sut.url, REVIEW, { id: review._id.toHexString() }, as(newId(), 'client'));
    expect(view.body.data?.review).toEqual({ rating: 4, body: 'Good work on the fence, thanks', authorId: client, reply: { body: '' } });
  });

  it('refuses bad input and callers other than a service, changing nothing', async () => {
    const sut = await setupReviews(mongo);
    const jane = newId();
    await createReview(sut.db, { authorId: jane, proId: newId(), rating: 3, body: JANE_REVIEW });
    const state = await snapshot(sut.db);
    const bad = await graphql(sut.url, ERASE, { input: { subjectId: jane, requestId: 'nope' } }, service());
    expect(bad.body.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    const asAuthor = await graphql(sut.url, ERASE, { input: { subjectId: jane, requestId: newId() } }, as(jane, 'client'));
    expect(asAuthor.body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(await snapshot(sut.db)).toEqual(state);
  });

  it('runs the retention job on the scheduler with a controlled clock', async () => {
    const sut = await setupReviews(mongo);
    const scheduler = createScheduler({ db: sut.db, clock: manualClock(new Date('2030-01-01T00:00:00Z')), jobs: [personalDataRetentionJob(sut.db)] });
    const { runs } = await scheduler.runDueJobs();
    expect(runs.map((run) => [run.job, run.outcome])).toEqual([['reviews.retention-personal-data', 'ok']]);
    await scheduler.stop();
  });
});
