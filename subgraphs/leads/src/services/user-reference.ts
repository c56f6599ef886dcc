import { parseObjectId } from '@leadgraph/db';
import { LeadsError, LeadsErrorCode } from '../errors.ts';

/**
 * A User reference this subgraph can extend. The users subgraph owns users; here a
 * reference only needs a valid id (a user without leads simply has none).
 */
/** A User as this subgraph knows it: only its id. */
export interface UserReference {
  id: string;
}

export function userReference(id: string): UserReference {
  const objectId = parseObjectId(id);
  if (objectId === null) throw new LeadsError(LeadsErrorCode.InvalidId, 'Invalid user id');
  return { id: objectId.toHexString() };
}
