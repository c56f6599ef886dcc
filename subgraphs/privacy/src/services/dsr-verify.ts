import type { Identity } from '@leadgraph/identity';
import { isRecentlyAuthenticated, type PrivacyDeps } from '../deps.ts';
import { PrivacyError, PrivacyErrorCode, notFound } from '../errors.ts';
import type { DataSubjectRequestRecord } from '../models/data-subject-request.ts';
import { actorOf } from './dsr-actor.ts';
import { applyTransition } from './dsr-apply-transition.ts';
import { findVisibleRequest } from './dsr-find.ts';

/**
 * The requester confirms their identity for a request in VERIFYING: only with a sign-in
 * within the last `recentAuthMinutes` (REAUTH_REQUIRED otherwise, nothing changes). The
 * request then moves to IN_PROGRESS, where its export or erasure may run.
 */
export async function verifyDataSubjectRequest(deps: PrivacyDeps, identity: Identity, id: string): Promise<DataSubjectRequestRecord> {
  const request = await findVisibleRequest(deps, identity, id);
  if (request.subjectId.toHexString() !== identity.userId) throw notFound('Data-subject request');
  if (request.status !== 'VERIFYING') {
    throw new PrivacyError(PrivacyErrorCode.InvalidTransition, `The request is ${request.status}: there is nothing to verify`);
  }
  const now = deps.clock();
  if (!isRecentlyAuthenticated(identity.authenticatedAt, deps.recentAuthMinutes, now)) {
    throw new PrivacyError(PrivacyErrorCode.ReauthRequired, `Sign in again (within ${deps.recentAuthMinutes} minutes) to confirm it is you`);
  }
  return applyTransition(deps, request, 'IN_PROGRESS', { actor: actorOf(identity), reason: 'Identity confirmed by a recent sign-in', set: { verifiedAt: now } });
}
