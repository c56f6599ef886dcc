import { parseObjectId } from '@leadgraph/db';
import type { Identity } from '@leadgraph/identity';
import type { PrivacyDeps } from '../deps.ts';
import { notFound } from '../errors.ts';
import type { DataSubjectRequestRecord } from '../models/data-subject-request.ts';

/**
 * The request with `id` if the caller may see it — its requester, or an admin — else
 * NOT_FOUND, the same answer as for an id that does not exist (nothing leaks).
 */
export async function findVisibleRequest(deps: PrivacyDeps, identity: Identity, id: string): Promise<DataSubjectRequestRecord> {
  const objectId = parseObjectId(id);
  if (objectId === null) throw notFound('Data-subject request');
  const request = await deps.models.DataSubjectRequest.findById(objectId).lean<DataSubjectRequestRecord>();
  if (request === null) throw notFound('Data-subject request');
  const mine = identity.userId !== null && request.subjectId.toHexString() === identity.userId;
  if (!mine && identity.role !== 'admin') throw notFound('Data-subject request');
  return request;
}
