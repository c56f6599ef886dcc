import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';
import { declarePersonalStorage } from '@leadgraph/privacy-kit';
import { CURRENCIES } from './lead.ts';

/**
 * A pro's response to a lead. Its id is also the id of the message thread between the
 * lead's client and that pro (one thread per lead and responding pro).
 */
export const responseSchema = new Schema(
  {
    leadId: { type: Schema.Types.ObjectId, required: true },
    /** The lead's client, copied so the thread's participants are known without the lead. */
    clientId: { type: Schema.Types.ObjectId, required: true },
    proId: { type: Schema.Types.ObjectId, required: true },
    /** In the currency's minor unit. */
    quote: {
      amount: { type: Number, required: true },
      currency: { type: String, enum: CURRENCIES, required: true },
    },
    message: { type: String, required: true },
    /** When the last message was posted in the thread (null before the first). */
    lastMessageAt: { type: Date, default: null },
  },
  { timestamps: true, collection: 'responses' },
);
declarePersonalStorage(responseSchema, { paths: { message: 'Response.message' }, subjects: { proId: ['message'] } });
// A pro responds once per lead: the second insert fails (ALREADY_RESPONDED).
responseSchema.index({ leadId: 1, proId: 1 }, { unique: true });
// `Lead.responses`, oldest first.
responseSchema.index({ leadId: 1, createdAt: 1, _id: 1 });
// `User.responses`: a pro's responses, newest first.
responseSchema.index({ proId: 1, createdAt: -1, _id: -1 });

export type ResponseRecord = InferSchemaType<typeof responseSchema> & { _id: Types.ObjectId; createdAt: Date; updatedAt: Date };
export type ResponseModel = Model<InferSchemaType<typeof responseSchema>>;

export function responseModel(connection: Connection): ResponseModel {
  return (connection.models.Response as ResponseModel | undefined) ?? (connection.model('Response', responseSchema) as unknown as ResponseModel);
}
