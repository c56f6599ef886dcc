import { Types, type Connection } from 'mongoose';
import { eraseUserAuthData } from '@leadgraph/auth';
import { MAIL_COLLECTION } from '@leadgraph/mail';
import { eraseSubject, type ErasureResult } from '@leadgraph/privacy-kit';
import { apiKeyModel } from '../api-keys/model.ts';
import { deleteFile, mediaBucket } from '../media/store.ts';
import { proImageModel } from '../models/pro-image.ts';
import { proVerificationAuditModel } from '../models/pro-verification-audit.ts';
import { userModel } from '../models/user.ts';
import { PERSONAL_SCHEMAS, personalDeclarations } from './storage.ts';

/** What an erased account's name becomes (the account stays as a disabled tombstone). */
export const ERASED_NAME = '[erased]';

/**
 * Contract P2 for the users subgraph. First what the declarations cannot say: the account can
 * no longer sign in (disabled; email, pending email and password hash removed: the email index
 * is partial, so many erased accounts have none), every session and one-time token ends, API
 * keys are deleted, mails to the person's addresses leave the outbox, and the image files
 * leave GridFS. Then the generic engine applies every declared path's strategy; the name
 * becomes `[erased]`. Each step is idempotent, so a rerun after an interruption completes it.
 */
export async function eraseUsersSubject(connection: Connection, subjectId: string, now: Date): Promise<ErasureResult> {
  const userId = new Types.ObjectId(subjectId);
  const User = userModel(connection);
  const user = await User.findById(userId, { email: 1, pendingEmail: 1 }).lean();
  const addresses = [user?.email, user?.pendingEmail].filter((address): address is string => typeof address === 'string' && address !== '');
  const extra: Record<string, number> = {};
  if (addresses.length > 0) {
    const mails = await connection.collection(MAIL_COLLECTION).deleteMany({ to: { $in: addresses } });
    extra[MAIL_COLLECTION] = mails.deletedCount;
  }
  const auth = await eraseUserAuthData(connection, subjectId);
  extra.sessions = auth.sessions;
  extra.auth_tokens = auth.tokens;
  extra.api_keys = (await apiKeyModel(connection).deleteMany({ ownerId: userId })).deletedCount;
  const bucket = mediaBucket(connection);
  const images = await proImageModel(connection).find({ proId: userId }, { _id: 1 }).lean();
  for (const image of images) await deleteFile(bucket, image._id);
  // The audit keeps who decided what and when; the reason written about the pro goes with the profile's.
  const audit = await proVerificationAuditModel(connection).updateMany({ proId: userId, reason: { $ne: null } }, { $set: { reason: null } });
  extra.pro_verification_audit = audit.modifiedCount;
  if (user !== null) {
    // Disabled first (the gateway's session check reads it), then the sign-in credentials go.
    await User.updateOne({ _id: userId, disabledAt: null }, { $set: { disabledAt: now } });
    // Without timestamps: a rerun must leave the document exactly as it is.
    await User.updateOne({ _id: userId }, { $unset: { email: '', pendingEmail: '', passwordHash: '' } }, { timestamps: false });
  }
  const result = await eraseSubject({ connection, schemas: PERSONAL_SCHEMAS, declarations: personalDeclarations, subjectId, now });
  if (user !== null) await User.updateOne({ _id: userId, name: { $ne: ERASED_NAME } }, { $set: { name: ERASED_NAME } });
  const byCollection = new Map(result.collections.map((count) => [count.collection, { ...count }]));
  for (const [collection, deleted] of Object.entries(extra)) {
    if (deleted === 0) continue;
    const count = byCollection.get(collection) ?? { collection, deleted: 0, anonymized: 0, held: 0 };
    count.deleted += deleted;
    byCollection.set(collection, count);
  }
  if (images.length > 0) {
    byCollection.set('pro_media.files', { collection: 'pro_media.files', deleted: images.length, anonymized: 0, held: 0 });
  }
  return { ...result, collections: [...byCollection.values()].sort((a, b) => a.collection.localeCompare(b.collection)) };
}
