import type { Identity } from '@leadgraph/identity';
import { z } from 'zod';
import type { PrivacyDeps } from '../deps.ts';
import { PrivacyError, PrivacyErrorCode, notFound } from '../errors.ts';
import type { DataSubjectRequestRecord } from '../models/data-subject-request.ts';
import { actorOf } from './dsr-actor.ts';
import { applyTransition } from './dsr-apply-transition.ts';
import { findVisibleRequest } from './dsr-find.ts';
import { NOT_IN_FORCE_STATUSES, RESTRICTING_KINDS } from './dsr-transitions.ts';

const adminReason = z.string().trim().min(3).max(2_000);

/** The audited reason of a lift asked by the requester (they give none: nothing personal is stored). */
export const LIFTED_BY_REQUESTER = 'Lifted at the requester’s request';

/**
 * Lifts a RESTRICTION or OBJECTION in force (filed, in progress, extended or completed): the
 * request moves to LIFTED, audited like every transition and mailed to the requester, and
 * `processingRestricted` no longer reports the person, so matching and marketing include them
 * again. The requester lifts their own (`requester: true`; someone else's answers NOT_FOUND);
 * an admin lifts any with a reason (REASON_REQUIRED). Any other kind or a request no longer
 * in force answers INVALID_TRANSITION; nothing is written on a refusal.
 */
export async function liftRestriction(
  deps: PrivacyDeps,
  identity: Identity,
  options: { requestId: string; requester: boolean; reason?: string | null },
): Promise<DataSubjectRequestRecord> {
  let reason = LIFTED_BY_REQUESTER;
  if (!options.requester) {
    const parsed = adminReason.safeParse(options.reason ?? '');
    if (!parsed.success) throw new PrivacyError(PrivacyErrorCode.ReasonRequired, 'Lifting a restriction needs a reason (3 to 2,000 characters)');
    reason = parsed.data;
  }
  const request = await findVisibleRequest(deps, identity, options.requestId);
  if (options.requester && request.subjectId.toHexString() !== identity.userId) throw notFound('Data-subject request');
  if (!RESTRICTING_KINDS.includes(request.kind)) {
    throw new PrivacyError(PrivacyErrorCode.InvalidTransition, `A ${request.kind} request is not a restriction: there is nothing to lift`);
  }
  if (NOT_IN_FORCE_STATUSES.includes(request.status)) {
    throw new PrivacyError(PrivacyErrorCode.InvalidTransition, `The request is ${request.status}: it is not in force`);
  }
  return applyTransition(deps, request, 'LIFTED', { actor: actorOf(identity), reason });
}
