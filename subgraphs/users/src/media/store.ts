import mongoose, { type Connection, type Types } from 'mongoose';

/** The GridFS bucket holding pro images (`pro_media.files` / `pro_media.chunks`). */
export const MEDIA_BUCKET = 'pro_media';

export type MediaBucket = InstanceType<typeof mongoose.mongo.GridFSBucket>;

/** The media bucket on the users database (the connection must be open). */
export function mediaBucket(connection: Connection): MediaBucket {
  if (connection.db === undefined) throw new Error('users database not connected');
  return new mongoose.mongo.GridFSBucket(connection.db, { bucketName: MEDIA_BUCKET });
}

/** Stores `bytes` as the file `id` (the image's id), named by its hash. */
export function putFile(bucket: MediaBucket, id: Types.ObjectId, sha256: string, bytes: Buffer, metadata: Record<string, unknown>): Promise<void> {
  return new Promise((resolve, reject) => {
    const upload = bucket.openUploadStreamWithId(id, sha256, { metadata });
    upload.once('error', reject);
    upload.once('finish', () => resolve());
    upload.end(bytes);
  });
}

/** The file's bytes, or null when there is no such file. Images are small (a few MiB at most). */
export async function readFile(bucket: MediaBucket, id: Types.ObjectId): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of bucket.openDownloadStream(id)) chunks.push(chunk as Buffer);
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT' || /FileNotFound|not found/i.test((error as Error).message)) return null;
    throw error;
  }
  return Buffer.concat(chunks);
}

/** Deletes the file; a file already gone is fine (deletes are retried after partial failures). */
export async function deleteFile(bucket: MediaBucket, id: Types.ObjectId): Promise<void> {
  try {
    await bucket.delete(id);
  } catch (error) {
    if (!/FileNotFound|File not found/i.test((error as Error).message)) throw error;
  }
}
