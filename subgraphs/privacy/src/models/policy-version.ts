import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';
import { declarePersonalStorage } from '@leadgraph/privacy-kit';

export const POLICY_KINDS = ['PRIVACY', 'COOKIE'] as const;
export type PolicyKind = (typeof POLICY_KINDS)[number];

/**
 * A published policy version. Immutable: there is no update path in the code, and the unique
 * (kind, version) index makes a concurrent second publication of the same number fail.
 */
export const policyVersionSchema = new Schema(
  {
    kind: { type: String, required: true, enum: POLICY_KINDS },
    version: { type: Number, required: true, min: 1 },
    text: { type: String, required: true },
    summary: { type: String, required: true },
    publishedAt: { type: Date, required: true },
    effectiveAt: { type: Date, required: true },
  },
  { collection: 'policy_versions', versionKey: false },
);
declarePersonalStorage(policyVersionSchema, {
  paths: { text: { waiver: "the policy's published text, the same for everyone: about no person" } },
});
policyVersionSchema.index({ kind: 1, version: 1 }, { unique: true });
policyVersionSchema.index({ kind: 1, effectiveAt: 1 });

export type PolicyVersionRecord = InferSchemaType<typeof policyVersionSchema> & { _id: Types.ObjectId; kind: PolicyKind };
export type PolicyVersionModel = Model<InferSchemaType<typeof policyVersionSchema>>;

export function policyVersionModel(connection: Connection): PolicyVersionModel {
  return (connection.models.PolicyVersion as PolicyVersionModel | undefined) ?? (connection.model('PolicyVersion', policyVersionSchema) as unknown as PolicyVersionModel);
}
