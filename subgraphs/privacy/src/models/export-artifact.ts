import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';

/** How long an export's download link works. */
export const EXPORT_LINK_DAYS = 7;

/** The GridFS bucket of this subgraph's database holding the export archives. */
export const EXPORT_BUCKET = 'export_archives';

/**
 * The export of a completed ACCESS request. The archive (a zip: `data.json`, CSV per type,
 * `summary.html`) is personal data, stored in GridFS (`fileId` in EXPORT_BUCKET), and deleted
 * with this record when the link expires by the retention job (`privacy.expired-exports`). No
 * TTL index here: it would drop the record and leave the file behind.
 */
export const exportArtifactSchema = new Schema(
  {
    requestId: { type: Schema.Types.ObjectId, required: true, unique: true },
    subjectId: { type: Schema.Types.ObjectId, required: true },
    /** The archive's GridFS file. */
    fileId: { type: Schema.Types.ObjectId, required: true },
    byteSize: { type: Number, required: true },
    /** `federated/v1`: the query generated from the supergraph (issue #6). */
    generator: { type: String, required: true },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'export_artifacts', versionKey: false },
);
exportArtifactSchema.index({ expiresAt: 1 });

export type ExportArtifactRecord = InferSchemaType<typeof exportArtifactSchema> & { _id: Types.ObjectId };
export type ExportArtifactModel = Model<InferSchemaType<typeof exportArtifactSchema>>;

export function exportArtifactModel(connection: Connection): ExportArtifactModel {
  return (connection.models.ExportArtifact as ExportArtifactModel | undefined) ?? (connection.model('ExportArtifact', exportArtifactSchema) as unknown as ExportArtifactModel);
}
