import { parseObjectId } from '@leadgraph/db';
import { UsersError, UsersErrorCode } from '../errors.ts';
import type { Loaders } from '../loaders.ts';
import type { UserRecord } from '../models/user.ts';

/** The user with this id (batched through the request's loader), or null when there is none. */
export async function findUser(id: string, loaders: Loaders): Promise<UserRecord | null> {
  const objectId = parseObjectId(id);
  if (objectId === null) throw new UsersError(UsersErrorCode.InvalidId, 'Invalid user id');
  return loaders.userById.load(objectId.toHexString());
}
