import type { Identity } from '@leadgraph/identity';
import type { Loaders } from '../loaders.ts';

/**
 * How many of `subjectId`'s data-subject requests await an answer — only for the subject
 * themself or an admin; null for anyone else (the count reveals that someone exercised a right).
 */
export async function countPendingRequests(
  subjectId: string,
  identity: Identity,
  loaders: Loaders,
): Promise<number | null> {
  const allowed = identity.role === 'admin' || (identity.userId !== null && identity.userId === subjectId);
  if (!allowed) return null;
  return loaders.pendingRequestCount.load(subjectId);
}
