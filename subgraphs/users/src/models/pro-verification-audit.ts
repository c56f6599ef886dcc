import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';
import { declarePersonalStorage } from '@leadgraph/privacy-kit';
import { PRO_VERIFICATION_STATUSES } from './user.ts';

/** What happened to a profile's verification: a (re)submission by the pro, or an admin's decision. */
export const PRO_VERIFICATION_EVENTS = ['SUBMIT', 'VERIFY', 'REJECT'] as const;
export type ProVerificationEvent = (typeof PRO_VERIFICATION_EVENTS)[number];

/**
 * Every verification transition, append-only: who (`actorId`, `actorRole`), when (`at`), what
 * (`event`, `from` → `to`) and why (`reason`). Never updated or deleted by this subgraph.
 */
export const proVerificationAuditSchema = new Schema(
  {
    proId: { type: Schema.Types.ObjectId, required: true },
    actorId: { type: String, required: true },
    actorRole: { type: String, required: true },
    event: { type: String, required: true, enum: PRO_VERIFICATION_EVENTS },
    from: { type: String, default: null, enum: [...PRO_VERIFICATION_STATUSES, null] },
    to: { type: String, required: true, enum: PRO_VERIFICATION_STATUSES },
    reason: { type: String, default: null },
    at: { type: Date, required: true },
  },
  { collection: 'pro_verification_audit', versionKey: false },
);
declarePersonalStorage(proVerificationAuditSchema, {
  paths: { reason: { waiver: "an admin's reason for a verification decision, about the profile: the audit trail of who decided what" } },
});
proVerificationAuditSchema.index({ proId: 1, at: 1 });

export type ProVerificationAuditRecord = InferSchemaType<typeof proVerificationAuditSchema> & { _id: Types.ObjectId };
export type ProVerificationAuditModel = Model<InferSchemaType<typeof proVerificationAuditSchema>>;

/** The `pro_verification_audit` model on the users database. */
export function proVerificationAuditModel(connection: Connection): ProVerificationAuditModel {
  return (
    (connection.models.ProVerificationAudit as ProVerificationAuditModel | undefined) ??
    (connection.model('ProVerificationAudit', proVerificationAuditSchema) as unknown as ProVerificationAuditModel)
  );
}
