import { parseObjectId } from '@leadgraph/db';
import { UsersError, UsersErrorCode } from '../errors.ts';
import { deleteFile } from '../media/store.ts';
import { requireActivePro } from './require-pro.ts';
import type { MediaDeps } from './upload-pro-image.ts';

/**
 * Removes one of the caller's images: the listing first (it disappears from the profile at
 * once), then the bytes. Another pro's image, or none, is `NOT_FOUND` alike.
 */
export async function removeProImage(deps: Omit<MediaDeps, 'limits'>, caller: { userId: string | null }, imageId: string): Promise<void> {
  const id = parseObjectId(imageId);
  if (id === null) throw new UsersError(UsersErrorCode.InvalidId, 'Invalid image id');
  const pro = await requireActivePro(deps.User, caller.userId);
  const removed = await deps.ProImage.findOneAndDelete({ _id: id, proId: pro._id }).lean();
  if (removed === null) throw new UsersError(UsersErrorCode.NotFound, 'No such image on your profile.');
  await deleteFile(deps.bucket, id);
}
