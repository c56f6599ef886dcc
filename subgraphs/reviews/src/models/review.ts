import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';
import { declarePersonalStorage } from '@leadgraph/privacy-kit';

/** Bounds of a review's free text, shared by the input schemas and the model. */
export const REVIEW_LIMITS = { bodyMin: 10, bodyMax: 5000, replyMin: 1, replyMax: 2000, reasonMin: 3, reasonMax: 500 } as const;

/** The reviewed pro's one answer. */
const replySchema = new Schema(
  {
    proId: { type: Schema.Types.ObjectId, required: true },
    body: { type: String, required: true, maxlength: REVIEW_LIMITS.replyMax },
    createdAt: { type: Date, required: true },
  },
  { _id: false },
);

/** Why an admin hid the review: a moderation note without personal data. */
const moderationSchema = new Schema(
  {
    reason: { type: String, required: true, maxlength: REVIEW_LIMITS.reasonMax },
    hiddenAt: { type: Date, required: true },
    hiddenBy: { type: Schema.Types.ObjectId, required: true },
  },
  { _id: false },
);

/**
 * A client's review of the pro hired for one of their completed leads: one per lead. `body`
 * and `reply.body` are free text published for everyone (personal data of their writers).
 */
export const reviewSchema = new Schema(
  {
    /** The completed lead (leads subgraph) the review is about; one review per lead. */
    leadId: { type: Schema.Types.ObjectId, required: true },
    rating: { type: Number, required: true, min: 1, max: 5, validate: Number.isInteger },
    body: { type: String, required: true, trim: true, maxlength: REVIEW_LIMITS.bodyMax },
    /** The client (a user in the users subgraph) who wrote it; null once their data was erased. */
    authorId: { type: Schema.Types.ObjectId, default: null },
    /** The pro (a user in the users subgraph) it is about: the one hired for the lead. */
    proId: { type: Schema.Types.ObjectId, required: true },
    reply: { type: replySchema, default: null },
    /** Hidden by an admin: out of public lists and out of the pro's rating. */
    hidden: { type: Boolean, required: true, default: false },
    moderation: { type: moderationSchema, default: null },
  },
  { timestamps: true, collection: 'reviews' },
);
// Co-owned: the author owns the text, the link and the rating (ANONYMIZE, mask NONE: kept unlinked, so
// pro_ratings stay right); the pro owns the reply.
declarePersonalStorage(reviewSchema, {
  subjects: { authorId: ['authorId', 'body', 'rating'], proId: ['reply.body'] },
  paths: {
    rating: 'Review.rating',
    body: 'Review.body',
    authorId: 'Review.authorId',
    'reply.body': 'ReviewReply.body',
    'moderation.reason': {
      waiver: "an admin's moderation note about the review's content; the schema tells admins to write no personal data in it",
    },
  },
});
// One review per lead. Sparse: reviews written before leads were linked have none.
reviewSchema.index({ leadId: 1 }, { unique: true, sparse: true });
// `User.reviews`: reviews about a pro, newest first, visible ones (or hidden, for admins).
reviewSchema.index({ proId: 1, hidden: 1, _id: -1 });
// `User.reviewsWritten`: reviews a client wrote, newest first.
reviewSchema.index({ authorId: 1, hidden: 1, _id: -1 });
// `reviews`: all visible reviews, newest first.
reviewSchema.index({ hidden: 1, _id: -1 });

/** A review as read from the database (lean). */
export type ReviewRecord = InferSchemaType<typeof reviewSchema> & { _id: Types.ObjectId };
export type ReviewModel = Model<InferSchemaType<typeof reviewSchema>>;

/** The Review model on this subgraph's connection. */
export function reviewModel(connection: Connection): ReviewModel {
  // Named model type: mongoose's inferred one (with its `id` virtual) does not unify with ReviewModel.
  return (connection.models.Review as ReviewModel | undefined) ?? connection.model<InferSchemaType<typeof reviewSchema>, ReviewModel>('Review', reviewSchema);
}
