import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';
import { declarePersonalStorage } from '@leadgraph/privacy-kit';

export const CONSENT_PURPOSES = ['NECESSARY', 'PREFERENCES', 'ANALYTICS', 'MARKETING'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];
export const CONSENT_SOURCES = ['BANNER', 'SETTINGS', 'API', 'EMAIL_LINK'] as const;
export type ConsentSource = (typeof CONSENT_SOURCES)[number];
export const CONSENT_ACTIONS = ['GIVEN', 'CHANGED', 'WITHDRAWN'] as const;
export type ConsentAction = (typeof CONSENT_ACTIONS)[number];

/** Purposes a `Sec-GPC: 1` signal refuses unless the person chose otherwise explicitly. */
export const GPC_PURPOSES: readonly ConsentPurpose[] = ['ANALYTICS', 'MARKETING'];

/**
 * One consent decision. Append-only: the code only inserts, and the one update it makes —
 * moving an anonymous visitor's records into the account at sign-in — sets `mergedAt` on the
 * visitor's records after copying them, never changing a decision.
 */
export const consentRecordSchema = new Schema(
  {
    /** The account; null for an anonymous visitor. */
    userId: { type: Schema.Types.ObjectId, default: null },
    /** The anonymous visitor (`lg_vid` cookie); null for records made while signed in. */
    visitorId: { type: String, default: null },
    purpose: { type: String, required: true, enum: CONSENT_PURPOSES },
    granted: { type: Boolean, required: true },
    action: { type: String, required: true, enum: CONSENT_ACTIONS },
    source: { type: String, required: true, enum: CONSENT_SOURCES },
    gpcSignal: { type: Boolean, required: true },
    /** The refusal was recorded because of the GPC signal, not a choice. */
    fromGpc: { type: Boolean, required: true, default: false },
    cookiePolicyVersion: { type: Number, required: true },
    privacyPolicyVersion: { type: Number, required: true },
    mergedFromVisitor: { type: Boolean, required: true, default: false },
    /** On a visitor's record: when it was copied into an account (then it no longer decides anything). */
    mergedAt: { type: Date, default: null },
    /** On a visitor's record: the claim of the merge that copied it (makes concurrent merges copy once). */
    mergeClaim: { type: String, default: null },
    recordedAt: { type: Date, required: true },
  },
  { collection: 'consent_records', versionKey: false },
);
// The decisions are the person's consent history (erased with the account, per ConsentRecord's declarations).
declarePersonalStorage(consentRecordSchema, {
  paths: { granted: 'ConsentRecord.granted', gpcSignal: 'ConsentRecord.gpcSignal' },
  subjects: { userId: ['granted', 'gpcSignal'] },
  datedBy: 'recordedAt',
});
// Latest decision per purpose and the history, per account and per visitor.
consentRecordSchema.index({ userId: 1, purpose: 1, _id: -1 });
consentRecordSchema.index({ visitorId: 1, mergedAt: 1, _id: -1 });

export type ConsentRecord = InferSchemaType<typeof consentRecordSchema> & {
  _id: Types.ObjectId;
  purpose: ConsentPurpose;
  source: ConsentSource;
  action: ConsentAction;
};
export type ConsentRecordModel = Model<InferSchemaType<typeof consentRecordSchema>>;

export function consentRecordModel(connection: Connection): ConsentRecordModel {
  return (connection.models.ConsentRecord as ConsentRecordModel | undefined) ?? (connection.model('ConsentRecord', consentRecordSchema) as unknown as ConsentRecordModel);
}
