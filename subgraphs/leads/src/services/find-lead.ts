import { parseObjectId } from '@leadgraph/db';
import type { Identity } from '@leadgraph/identity';
import { LeadsError, LeadsErrorCode } from '../errors.ts';
import type { Loaders } from '../loaders.ts';
import type { LeadRecord } from '../models/lead.ts';
import type { LeadAccess } from './lead-access.ts';

export interface Viewer {
  identity: Identity;
  loaders: Loaders;
  access: LeadAccess;
}

/** A valid ObjectId hex string, or BAD_USER_INPUT (INVALID_ID). */
export function requireId(id: string, what: string): string {
  const objectId = parseObjectId(id);
  if (objectId === null) throw new LeadsError(LeadsErrorCode.InvalidId, `Invalid ${what} id`);
  return objectId.toHexString();
}

/**
 * The lead with this id if the caller may see it, else null: a lead the caller may not see
 * and a missing one give the same answer, with the same work. A pro's matching profile is
 * fetched first in both cases, so not even a users-subgraph failure tells them apart.
 */
export async function findVisibleLead(id: string, viewer: Viewer): Promise<LeadRecord | null> {
  const leadId = requireId(id, 'lead');
  if (viewer.identity.role === 'pro' && viewer.identity.userId !== null) {
    await viewer.loaders.matchProfile.load(viewer.identity.userId);
  }
  const lead = await viewer.loaders.leadById.load(leadId);
  if (lead === null) return null;
  return (await viewer.access.mayRead(lead)) ? lead : null;
}
