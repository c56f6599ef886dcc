import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';
import { declarePersonalStorage } from '@leadgraph/privacy-kit';

/** An admin's finding that an account belongs to a minor (the audit of `flagMinor`). One per account. */
export const minorFlagSchema = new Schema(
  {
    userId: { type: Schema.Types.ObjectId, required: true, unique: true },
    reason: { type: String, required: true },
    flaggedBy: { type: Schema.Types.ObjectId, required: true },
    flaggedAt: { type: Date, required: true },
    erasureRequestId: { type: Schema.Types.ObjectId, required: true },
  },
  { collection: 'minor_flags', versionKey: false },
);
declarePersonalStorage(minorFlagSchema, { paths: { reason: 'MinorFlag.reason' }, subjects: { userId: ['reason'] }, datedBy: 'flaggedAt' });

export type MinorFlagRecord = InferSchemaType<typeof minorFlagSchema> & { _id: Types.ObjectId };
export type MinorFlagModel = Model<InferSchemaType<typeof minorFlagSchema>>;

export function minorFlagModel(connection: Connection): MinorFlagModel {
  return (connection.models.MinorFlag as MinorFlagModel | undefined) ?? (connection.model('MinorFlag', minorFlagSchema) as unknown as MinorFlagModel);
}
