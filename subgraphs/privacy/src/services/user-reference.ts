import { parseObjectId } from '@leadgraph/db';
import { PrivacyError, PrivacyErrorCode } from '../errors.ts';

/** A User reference this subgraph can extend: a valid id is all it needs. */
export function userReference(id: string): { id: string } {
  const objectId = parseObjectId(id);
  if (objectId === null) throw new PrivacyError(PrivacyErrorCode.InvalidId, 'Invalid user id');
  return { id: objectId.toHexString() };
}
