import { createHash } from 'node:crypto';
import { Types } from 'mongoose';
import { z } from 'zod';
import { UsersError, UsersErrorCode } from '../errors.ts';
import { IMAGE_CONTENT_TYPES, decodeBase64, decodedLength, sniffImage } from '../media/image-bytes.ts';
import { deleteFile, putFile, type MediaBucket } from '../media/store.ts';
import { IMAGE_KINDS, type ImageKind, type ProImageModel, type ProImageRecord } from '../models/pro-image.ts';
import type { UserModel } from '../models/user.ts';
import { parseInput } from './input.ts';
import { requireActivePro } from './require-pro.ts';

export interface MediaLimits {
  /** Largest decoded upload in bytes. */
  maxImageBytes: number;
  /** Most gallery images per pro (the logo is extra). */
  maxGalleryImages: number;
}

export interface MediaDeps {
  User: UserModel;
  ProImage: ProImageModel;
  bucket: MediaBucket;
  limits: MediaLimits;
}

export const uploadProImageInput = z.object({
  kind: z.enum(IMAGE_KINDS),
  contentType: z.string().refine((v) => (IMAGE_CONTENT_TYPES as readonly string[]).includes(v), 'must be image/png, image/jpeg or image/webp'),
  dataBase64: z.string(),
});

const tooLarge = (limits: MediaLimits) => new UsersError(UsersErrorCode.ImageTooLarge, `The image is larger than ${limits.maxImageBytes} bytes.`);
const tooMany = (limits: MediaLimits) => new UsersError(UsersErrorCode.TooManyImages, `A profile holds at most ${limits.maxGalleryImages} gallery images.`);

/** Identical bytes already on the profile: the same image when the kind matches, else a clear refusal. */
function sameImage(existing: ProImageRecord, kind: ImageKind): ProImageRecord {
  if (existing.kind !== kind) throw new UsersError(UsersErrorCode.DuplicateImage, `This image is already on your profile as ${existing.kind}.`);
  return existing;
}

/** Decoded and checked bytes, before anything is written: base64, size, magic bytes, declared type. */
function checkedImage(input: z.infer<typeof uploadProImageInput>, limits: MediaLimits) {
  // Measured on the text first: an oversized upload is refused without decoding it.
  if (decodedLength(input.dataBase64) > limits.maxImageBytes) throw tooLarge(limits);
  const bytes = decodeBase64(input.dataBase64);
  if (bytes === null || bytes.length === 0) throw new UsersError(UsersErrorCode.InvalidImage, 'The data is not a base64-encoded image.');
  if (bytes.length > limits.maxImageBytes) throw tooLarge(limits);
  const sniffed = sniffImage(bytes);
  if (sniffed === null) throw new UsersError(UsersErrorCode.InvalidImage, 'The data is not a PNG, JPEG or WebP image.');
  if (sniffed.contentType !== input.contentType) {
    throw new UsersError(UsersErrorCode.ContentTypeMismatch, `The bytes are ${sniffed.contentType}, not ${input.contentType}.`);
  }
  return { bytes, ...sniffed, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/**
 * Adds an image to the caller's profile. Every check runs before any write; then the bytes go
 * to GridFS under the new image's id and the listing document follows, so a crash leaves at
 * worst an unreferenced file, never a listed image without bytes. The unique (pro, hash) index
 * settles concurrent identical uploads; a recount settles concurrent gallery uploads past the
 * limit (the extra one is undone). A new logo replaces the previous one.
 */
export async function uploadProImage(deps: MediaDeps, caller: { userId: string | null }, input: z.input<typeof uploadProImageInput>): Promise<ProImageRecord> {
  const parsed = parseInput(uploadProImageInput, input);
  const pro = await requireActivePro(deps.User, caller.userId);
  const image = checkedImage(parsed, deps.limits);
  const proId = pro._id;
  const existing = await deps.ProImage.findOne({ proId, sha256: image.sha256 }).lean<ProImageRecord>();
  if (existing !== null) return sameImage(existing, parsed.kind);
  if (parsed.kind === 'GALLERY' && (await deps.ProImage.countDocuments({ proId, kind: 'GALLERY' })) >= deps.limits.maxGalleryImages) {
    throw tooMany(deps.limits);
  }
  const id = new Types.ObjectId();
  await putFile(deps.bucket, id, image.sha256, image.bytes, { proId, contentType: image.contentType });
  let created: ProImageRecord;
  try {
    const doc = await deps.ProImage.create({
      _id: id,
      proId,
      kind: parsed.kind,
      sha256: image.sha256,
      contentType: image.contentType,
      byteSize: image.bytes.length,
      width: image.width,
      height: image.height,
    });
    created = doc.toObject() as ProImageRecord;
  } catch (error) {
    await deleteFile(deps.bucket, id);
    if ((error as { code?: unknown }).code !== 11000) throw error;
    const winner = await deps.ProImage.findOne({ proId, sha256: image.sha256 }).lean<ProImageRecord>();
    if (winner === null) throw error;
    return sameImage(winner, parsed.kind);
  }
  if (parsed.kind === 'GALLERY' && (await deps.ProImage.countDocuments({ proId, kind: 'GALLERY' })) > deps.limits.maxGalleryImages) {
    await deps.ProImage.deleteOne({ _id: id });
    await deleteFile(deps.bucket, id);
    throw tooMany(deps.limits);
  }
  if (parsed.kind === 'LOGO') {
    const previous = await deps.ProImage.find({ proId, kind: 'LOGO', _id: { $ne: id } }, { _id: 1 }).lean<Array<{ _id: Types.ObjectId }>>();
    for (const old of previous) {
      await deps.ProImage.deleteOne({ _id: old._id });
      await deleteFile(deps.bucket, old._id);
    }
  }
  return created;
}
