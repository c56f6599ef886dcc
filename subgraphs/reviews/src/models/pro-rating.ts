import { Schema, type Connection, type Model, type Types } from 'mongoose';

/**
 * A pro's rating aggregate over their visible reviews, one document per pro (`_id` = the pro's
 * user id). Only ever changed with `$inc` (write, hide, unhide), so concurrent writes add up
 * instead of overwriting each other; `recomputeProRatings` rebuilds it from the reviews.
 */
export interface ProRatingRecord {
  _id: Types.ObjectId;
  count: number;
  sum: number;
  s1: number;
  s2: number;
  s3: number;
  s4: number;
  s5: number;
}

export const STARS = [1, 2, 3, 4, 5] as const;
export type StarKey = `s${(typeof STARS)[number]}`;
export const starKey = (stars: number) => `s${stars}` as StarKey;

const proRatingSchema = new Schema<ProRatingRecord>(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    count: { type: Number, default: 0 },
    sum: { type: Number, default: 0 },
    s1: { type: Number, default: 0 },
    s2: { type: Number, default: 0 },
    s3: { type: Number, default: 0 },
    s4: { type: Number, default: 0 },
    s5: { type: Number, default: 0 },
  },
  { collection: 'pro_ratings', versionKey: false },
);

export type ProRatingModel = Model<ProRatingRecord>;

export function proRatingModel(connection: Connection): ProRatingModel {
  return (connection.models.ProRating as ProRatingModel | undefined) ?? connection.model<ProRatingRecord>('ProRating', proRatingSchema);
}
