import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';
import { declarePersonalStorage } from '@leadgraph/privacy-kit';

/** How long an export's download link works. */
export const EXPORT_LINK_DAYS = 7;

/**
 * The export of a completed ACCESS request. `content` is the JSON text the requester
 * downloads; it is personal data and is deleted when the link expires (TTL index on
 * `expiresAt`, and the retention job that counts what it deletes).
 */
export const exportArtifactSchema = new Schema(
  {
    requestId: { type: Schema.Types.ObjectId, required: true, unique: true },
    subjectId: { type: Schema.Types.ObjectId, required: true },
    content: { type: String, required: true },
    /** `placeholder` until issue #6's export engine builds the real one. */
    generator: { type: String, required: true },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'export_artifacts', versionKey: false },
);
declarePersonalStorage(exportArtifactSchema, {
  paths: { content: { waiver: "the requester's own data export (right of access): every value in it is declared where it lives; deleted when the link expires" } },
});
exportArtifactSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export type ExportArtifactRecord = InferSchemaType<typeof exportArtifactSchema> & { _id: Types.ObjectId };
export type ExportArtifactModel = Model<InferSchemaType<typeof exportArtifactSchema>>;

export function exportArtifactModel(connection: Connection): ExportArtifactModel {
  return (connection.models.ExportArtifact as ExportArtifactModel | undefined) ?? (connection.model('ExportArtifact', exportArtifactSchema) as unknown as ExportArtifactModel);
}
