import { Types, type Connection } from 'mongoose';
import { moderationAuditModel } from '../models/moderation-audit.ts';
import { proRatingModel, starKey } from '../models/pro-rating.ts';
import { reviewModel, type ReviewRecord } from '../models/review.ts';
import { fakeRating, fakeReviewBody } from './words.ts';

/**
 * Seed factories for reviews: tests and `pnpm seed` build data with these. Each returns what
 * it created, and keeps the pros' `pro_ratings` aggregates equal to their visible reviews.
 */
export interface ReviewInput {
  /** The completed lead (leads subgraph) it is about; a fresh id when not given. */
  leadId?: Types.ObjectId | string;
  /** The client who wrote it (a user id from the users subgraph). */
  authorId: Types.ObjectId | string;
  /** The pro it is about (a user id from the users subgraph). */
  proId: Types.ObjectId | string;
  rating?: number;
  body?: string;
  createdAt?: Date;
  /** Hidden by moderation (not counted in the rating). */
  hidden?: boolean;
}

/**
 * A completed lead with its hired pro (contract C3's fields): what a review needs. The leads
 * seed's `seedMarketplace(...).completedLeads` has this shape.
 */
export interface CompletedLead {
  leadId: Types.ObjectId | string;
  clientId: Types.ObjectId | string;
  hiredProId: Types.ObjectId | string;
  /** When the job was completed: reviews are dated after it. */
  completedAt?: Date;
}

const oid = (id: Types.ObjectId | string) => (typeof id === 'string' ? new Types.ObjectId(id) : id);

function fakeReview(input: ReviewInput) {
  const rating = input.rating ?? fakeRating();
  const createdAt = input.createdAt ?? new Date();
  const hidden = input.hidden ?? false;
  return {
    // Ids carry createdAt's second (plus the usual counter), so "newest first" by id is newest first by date.
    _id: new Types.ObjectId(Types.ObjectId.generate(Math.floor(createdAt.getTime() / 1000))),
    leadId: oid(input.leadId ?? new Types.ObjectId()),
    authorId: oid(input.authorId),
    proId: oid(input.proId),
    rating,
    body: input.body ?? fakeReviewBody(rating),
    reply: null,
    hidden,
    moderation: hidden ? { reason: 'Seeded as hidden', hiddenAt: createdAt, hiddenBy: new Types.ObjectId() } : null,
    createdAt,
    updatedAt: createdAt,
  };
}

/** The models with their indexes built (the one-review-per-lead index guards seeds too). */
async function readyReviewModel(db: Connection) {
  const Review = reviewModel(db);
  await Promise.all([Review.init(), proRatingModel(db).init()]);
  return Review;
}

/** Adds the visible reviews of a batch to their pros' aggregates: one `$inc` per pro, in one bulk write. */
async function addToRatings(db: Connection, reviews: ReadonlyArray<{ proId: Types.ObjectId; rating: number; hidden: boolean }>) {
  const byPro = new Map<string, Record<string, number>>();
  for (const review of reviews) {
    if (review.hidden) continue;
    const key = review.proId.toHexString();
    const inc = byPro.get(key) ?? { count: 0, sum: 0 };
    inc.count = (inc.count ?? 0) + 1;
    inc.sum = (inc.sum ?? 0) + review.rating;
    inc[starKey(review.rating)] = (inc[starKey(review.rating)] ?? 0) + 1;
    byPro.set(key, inc);
  }
  if (byPro.size === 0) return;
  await proRatingModel(db).bulkWrite(
    [...byPro].map(([proId, inc]) => ({
      updateOne: { filter: { _id: new Types.ObjectId(proId) }, update: { $inc: inc }, upsert: true },
    })),
    { ordered: false },
  );
}

/** Creates one review by `authorId` about `proId`. */
export async function createReview(db: Connection, input: ReviewInput): Promise<ReviewRecord> {
  const [review] = await createReviews(db, [input]);
  return review as ReviewRecord;
}

/** Creates many reviews in one insert, in the order given, and adds them to the pros' ratings. */
export async function createReviews(db: Connection, inputs: readonly ReviewInput[]): Promise<ReviewRecord[]> {
  const docs = inputs.map(fakeReview);
  const Review = await readyReviewModel(db);
  await Review.insertMany(docs, { lean: true });
  await addToRatings(db, docs);
  return docs as unknown as ReviewRecord[];
}

export interface SeedReviewsOptions {
  /** Share of completed leads that get a review; default 1 (every lead). */
  share?: number;
  /** Reviews per insert; default 2000. */
  batchSize?: number;
  /** Share of reviews hidden by moderation; default 0. */
  hiddenShare?: number;
  random?: () => number;
  /** Called after each batch with how many were written so far. */
  onProgress?: (written: number, total: number) => void;
}

/**
 * Reviews for completed leads, fast enough for 50,000 and more: one unordered `insertMany` and
 * one bulk `$inc` of the pros' aggregates per batch, no per-document validation. Each lead
 * gets at most one review (by its client, about its hired pro). Expects leads without a review
 * yet (`clearReviews` first): the one-review-per-lead index refuses a second one.
 */
export async function seedReviews(
  db: Connection,
  leads: readonly CompletedLead[],
  options: SeedReviewsOptions = {},
): Promise<{ reviews: number; pros: number }> {
  const random = options.random ?? Math.random;
  const share = options.share ?? 1;
  const batchSize = options.batchSize ?? 2000;
  const now = Date.now();
  const chosen = leads.filter(() => random() < share);
  const Review = await readyReviewModel(db);
  const pros = new Set<string>();
  for (let i = 0; i < chosen.length; i += batchSize) {
    const docs = chosen.slice(i, i + batchSize).map((lead) => {
      const completedAt = lead.completedAt?.getTime() ?? now - 30 * 24 * 3600_000;
      const createdAt = new Date(Math.min(now, completedAt + random() * 14 * 24 * 3600_000));
      const doc = fakeReview({
        leadId: lead.leadId,
        authorId: lead.clientId,
        proId: lead.hiredProId,
        rating: fakeRating(random),
        createdAt,
        hidden: random() < (options.hiddenShare ?? 0),
      });
      pros.add(doc.proId.toHexString());
      return doc;
    });
    await Review.insertMany(docs, { lean: true, ordered: false });
    await addToRatings(db, docs);
    options.onProgress?.(Math.min(i + batchSize, chosen.length), chosen.length);
  }
  return { reviews: chosen.length, pros: pros.size };
}

/** Removes every review, rating aggregate and moderation record: what `pnpm seed` does before filling the demo data. */
export async function clearReviews(db: Connection): Promise<number> {
  const results = await Promise.all([
    reviewModel(db).deleteMany({}),
    proRatingModel(db).deleteMany({}),
    moderationAuditModel(db).deleteMany({}),
  ]);
  return results.reduce((sum, r) => sum + r.deletedCount, 0);
}
