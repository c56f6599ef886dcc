import { parseObjectId } from '@leadgraph/db';
import { PrivacyError, PrivacyErrorCode } from '../errors.ts';

/** A User reference this subgraph can extend: a valid id is all it needs. */
/** A User as this subgraph knows it: only its id. */
export interface UserReference {
  id: string;
}

export function userReference(id: string): UserReference {
  const objectId = parseObjectId(id);
  if (objectId === null) throw new PrivacyError(PrivacyErrorCode.InvalidId, 'Invalid user id');
  return { id: objectId.toHexString() };
}
