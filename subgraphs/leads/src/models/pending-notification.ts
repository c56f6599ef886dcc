import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';

/** The service-message kinds of contract C2 that this subgraph sends. */
export const NOTIFICATION_KINDS = ['LEAD_CREATED', 'NEW_RESPONSE', 'HIRED', 'LEAD_TAKEN', 'NEW_MESSAGE', 'DISPUTE_UPDATE'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * A service message not yet accepted by the users subgraph. Written before the first attempt,
 * removed once users answers; a failed attempt leaves it for the retry loop, so a users outage
 * never loses a mail and never fails the write that caused it. Holds ids and a lead title only.
 */
export const pendingNotificationSchema = new Schema(
  {
    recipientId: { type: Schema.Types.ObjectId, required: true },
    kind: { type: String, enum: NOTIFICATION_KINDS, required: true },
    leadId: { type: Schema.Types.ObjectId, default: null },
    leadTitle: { type: String, default: null },
    counterpartId: { type: Schema.Types.ObjectId, default: null },
    /** DISPUTE_UPDATE: the dispute and its new status. */
    disputeId: { type: Schema.Types.ObjectId, default: null },
    disputeStatus: { type: String, default: null },
    dedupeKey: { type: String, required: true },
    attempts: { type: Number, required: true, default: 0 },
    /** When the retry loop may try it (again); pushed forward while an attempt holds it. */
    nextAttemptAt: { type: Date, required: true },
    lastErrorCode: { type: String, default: null },
  },
  { timestamps: true, collection: 'pending_notifications' },
);
pendingNotificationSchema.index({ recipientId: 1, dedupeKey: 1 }, { unique: true });
pendingNotificationSchema.index({ nextAttemptAt: 1 });

export type PendingNotificationRecord = InferSchemaType<typeof pendingNotificationSchema> & { _id: Types.ObjectId };
export type PendingNotificationModel = Model<InferSchemaType<typeof pendingNotificationSchema>>;

export function pendingNotificationModel(connection: Connection): PendingNotificationModel {
  return (
    (connection.models.PendingNotification as PendingNotificationModel | undefined) ??
    (connection.model('PendingNotification', pendingNotificationSchema) as unknown as PendingNotificationModel)
  );
}
