import mongoose, { type Connection, type Types } from 'mongoose';
import { EXPORT_BUCKET } from '../models/export-artifact.ts';

/** Export archives in GridFS of this subgraph's database (bucket EXPORT_BUCKET). */
export interface ExportArchiveStore {
  put(fileName: string, bytes: Uint8Array): Promise<Types.ObjectId>;
  get(fileId: Types.ObjectId): Promise<Buffer | null>;
  delete(fileId: Types.ObjectId): Promise<void>;
}

export function gridFsArchiveStore(connection: Connection): ExportArchiveStore {
  const bucket = () => new mongoose.mongo.GridFSBucket(connection.db!, { bucketName: EXPORT_BUCKET });
  return {
    put(fileName, bytes) {
      return new Promise((resolve, reject) => {
        const upload = bucket().openUploadStream(fileName, { metadata: { contentType: 'application/zip' } });
        upload.once('error', reject);
        upload.once('finish', () => resolve(upload.id as Types.ObjectId));
        upload.end(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      });
    },
    async get(fileId) {
      const chunks: Buffer[] = [];
      try {
        for await (const chunk of bucket().openDownloadStream(fileId)) chunks.push(chunk as Buffer);
      } catch (error) {
        if (/FileNotFound|file not found/i.test(String((error as Error).message))) return null;
        throw error;
      }
      return Buffer.concat(chunks);
    },
    async delete(fileId) {
      try {
        await bucket().delete(fileId);
      } catch (error) {
        if (!/FileNotFound|File not found/i.test(String((error as Error).message))) throw error;
      }
    },
  };
}
