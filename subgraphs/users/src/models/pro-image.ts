import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';
import { declarePersonalStorage } from '@leadgraph/privacy-kit';

export const IMAGE_KINDS = ['LOGO', 'GALLERY'] as const;
export type ImageKind = (typeof IMAGE_KINDS)[number];

/**
 * One image on a pro's profile. The bytes live in GridFS (bucket `pro_media`) under the same
 * `_id`; this document is what the API lists. The same bytes are stored once per pro
 * (unique `proId` + `sha256`); `/media/<sha256>` serves them by hash.
 */
export const proImageSchema = new Schema(
  {
    proId: { type: Schema.Types.ObjectId, required: true },
    kind: { type: String, required: true, enum: IMAGE_KINDS },
    sha256: { type: String, required: true },
    contentType: { type: String, required: true },
    byteSize: { type: Number, required: true },
    width: { type: Number, default: null },
    height: { type: Number, default: null },
  },
  { timestamps: { createdAt: true, updatedAt: false }, collection: 'pro_images' },
);
// The image itself (bytes in GridFS, named by this document) is the profile's logo or gallery image.
declarePersonalStorage(proImageSchema, {
  subjects: { proId: ['sha256'] },
  paths: {
    sha256: 'ProProfile.images',
    contentType: { waiver: 'the MIME type of the image (image/png...), not its content' },
  },
});
// A pro's images in upload order; dedupe of identical bytes per pro (also for concurrent uploads).
proImageSchema.index({ proId: 1, sha256: 1 }, { unique: true });
proImageSchema.index({ proId: 1, _id: 1 });
// Serving by hash.
proImageSchema.index({ sha256: 1 });

export type ProImageRecord = InferSchemaType<typeof proImageSchema> & { _id: Types.ObjectId; createdAt: Date };
export type ProImageModel = Model<InferSchemaType<typeof proImageSchema>>;

/** The `pro_images` model on the users database. */
export function proImageModel(connection: Connection): ProImageModel {
  return (connection.models.ProImage as ProImageModel | undefined) ?? (connection.model('ProImage', proImageSchema) as unknown as ProImageModel);
}
