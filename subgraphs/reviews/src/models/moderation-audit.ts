import { Schema, type Connection, type Model, type Types } from 'mongoose';
import { declarePersonalStorage } from '@leadgraph/privacy-kit';

export const MODERATION_ACTIONS = ['HIDE', 'UNHIDE'] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

/** One moderation decision: who, when, what, why. Append-only. */
export interface ModerationAuditRecord {
  _id: Types.ObjectId;
  reviewId: Types.ObjectId;
  action: ModerationAction;
  /** The admin's user id. */
  actorId: Types.ObjectId;
  /** The admin's moderation note (no personal data, by the schema's instructions). */
  reason: string;
  at: Date;
}

const moderationAuditSchema = new Schema<ModerationAuditRecord>(
  {
    reviewId: { type: Schema.Types.ObjectId, required: true },
    action: { type: String, enum: MODERATION_ACTIONS, required: true },
    actorId: { type: Schema.Types.ObjectId, required: true },
    reason: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'review_moderation_audit', versionKey: false },
);
declarePersonalStorage(moderationAuditSchema, {
  paths: { reason: { waiver: "an admin's moderation note about a review's content, audited; admins are told to write no personal data in it" } },
});
// A review's moderation history, latest first.
moderationAuditSchema.index({ reviewId: 1, at: -1 });

export type ModerationAuditModel = Model<ModerationAuditRecord>;

export function moderationAuditModel(connection: Connection): ModerationAuditModel {
  return (
    (connection.models.ReviewModerationAudit as ModerationAuditModel | undefined) ??
    connection.model<ModerationAuditRecord>('ReviewModerationAudit', moderationAuditSchema)
  );
}
