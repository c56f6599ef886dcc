import { parseObjectId } from '@leadgraph/db';
import { LeadsError, LeadsErrorCode } from '../errors.ts';
import type { Loaders } from '../loaders.ts';
import type { LeadRecord } from '../models/lead.ts';

/** The lead with this id (batched through the request's loader), or null when there is none. */
export async function findLead(id: string, loaders: Loaders): Promise<LeadRecord | null> {
  const objectId = parseObjectId(id);
  if (objectId === null) throw new LeadsError(LeadsErrorCode.InvalidId, 'Invalid lead id');
  return loaders.leadById.load(objectId.toHexString());
}
