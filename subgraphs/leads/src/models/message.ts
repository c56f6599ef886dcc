import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';
import { declarePersonalStorage } from '@leadgraph/privacy-kit';

/**
 * A message in the thread between a lead's client and a responding pro. Kept for quality
 * control and disputes; co-owned by both participants (`@dataSubject(fields: ["clientId", "proId"])`).
 */
export const messageSchema = new Schema(
  {
    /** The thread: the response's id. */
    threadId: { type: Schema.Types.ObjectId, required: true },
    leadId: { type: Schema.Types.ObjectId, required: true },
    clientId: { type: Schema.Types.ObjectId, required: true },
    proId: { type: Schema.Types.ObjectId, required: true },
    senderId: { type: Schema.Types.ObjectId, required: true },
    body: { type: String, required: true },
  },
  { timestamps: { createdAt: true, updatedAt: false }, collection: 'messages' },
);
// A message is its sender's: the thread's other party is not a subject of it (their own messages are theirs).
declarePersonalStorage(messageSchema, { paths: { body: 'Message.body' }, subjects: { senderId: ['body'] } });
// A thread's messages in order (either direction uses the same index).
messageSchema.index({ threadId: 1, createdAt: 1, _id: 1 });

export type MessageRecord = InferSchemaType<typeof messageSchema> & { _id: Types.ObjectId; createdAt: Date };
export type MessageModel = Model<InferSchemaType<typeof messageSchema>>;

export function messageModel(connection: Connection): MessageModel {
  return (connection.models.Message as MessageModel | undefined) ?? (connection.model('Message', messageSchema) as unknown as MessageModel);
}
