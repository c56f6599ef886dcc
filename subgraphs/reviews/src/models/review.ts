import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';

/** A client's review of a pro's project. `body` is free text and may mention people. */
export const reviewSchema = new Schema(
  {
    rating: { type: Number, required: true, min: 1, max: 5, validate: Number.isInteger },
    body: { type: String, required: true, trim: true, maxlength: 5000 },
    /** The client (a user in the users subgraph) who wrote it. */
    authorId: { type: Schema.Types.ObjectId, required: true },
    /** The pro (a user in the users subgraph) it is about. */
    proId: { type: Schema.Types.ObjectId, required: true },
  },
  { timestamps: true, collection: 'reviews' },
);
// `User.reviews`: reviews about a pro, newest first.
reviewSchema.index({ proId: 1, _id: -1 });
// `User.reviewsWritten`: reviews a client wrote, newest first.
reviewSchema.index({ authorId: 1, _id: -1 });

/** A review as read from the database (lean). */
export type ReviewRecord = InferSchemaType<typeof reviewSchema> & { _id: Types.ObjectId };
export type ReviewModel = Model<InferSchemaType<typeof reviewSchema>>;

/** The Review model on this subgraph's connection. */
export function reviewModel(connection: Connection): ReviewModel {
  return (connection.models.Review as ReviewModel | undefined) ?? connection.model('Review', reviewSchema);
}
