import type { Identity } from '@leadgraph/identity';
import { z } from 'zod';
import type { PrivacyDeps } from '../deps.ts';
import { PrivacyError, PrivacyErrorCode, invalidInput } from '../errors.ts';
import { DSR_STATUSES, type DataSubjectRequestRecord } from '../models/data-subject-request.ts';
import { addMonths } from './calendar.ts';
import { actorOf } from './dsr-actor.ts';
import { applyTransition } from './dsr-apply-transition.ts';
import { findVisibleRequest } from './dsr-find.ts';
import { isAllowedTransition, REASON_REQUIRED_FOR, VERIFIED_KINDS, WORKING_STATUSES } from './dsr-transitions.ts';
import { runErasure } from './erasure-run.ts';
import { createExportArtifact, deleteExportArtifact } from './export-artifact.ts';

export const updateInput = z.object({
  id: z.string(),
  status: z.enum(DSR_STATUSES),
  reason: z.string().trim().max(2_000).nullish(),
});

/**
 * An admin moves a request. Checked in order, nothing written on a refusal:
 * the transitions table (INVALID_TRANSITION; LIFTED only through `liftRestriction`); a reason for REJECTED and EXTENDED
 * (REASON_REQUIRED); one extension only (ALREADY_EXTENDED), which moves the due date to
 * received + 3 months; ACCESS and ERASURE work only after the identity was verified
 * (IDENTITY_NOT_VERIFIED). Completing an ACCESS request builds its export (7-day link);
 * completing an ERASURE request runs the erasure first (services/erasure-run.ts; a failure
 * leaves it IN_PROGRESS with its progress saved, and completing again resumes).
 */
export async function updateDataSubjectRequest(deps: PrivacyDeps, identity: Identity, input: z.input<typeof updateInput>): Promise<DataSubjectRequestRecord> {
  const parsed = updateInput.safeParse(input);
  if (!parsed.success) throw invalidInput('reason: at most 2,000 characters');
  const request = await findVisibleRequest(deps, identity, parsed.data.id);
  const { status: to } = parsed.data;
  const reason = parsed.data.reason === undefined || parsed.data.reason === null || parsed.data.reason === '' ? null : parsed.data.reason;
  if (to === 'LIFTED' || !isAllowedTransition(request.status, to)) {
    throw new PrivacyError(PrivacyErrorCode.InvalidTransition, `A request cannot go from ${request.status} to ${to}`);
  }
  if (REASON_REQUIRED_FOR.includes(to) && (reason === null || reason.length < 3)) {
    throw new PrivacyError(PrivacyErrorCode.ReasonRequired, `${to} needs a reason (3 to 2,000 characters)`);
  }
  const set: Record<string, unknown> = {};
  if (to === 'EXTENDED') {
    if (request.extendedAt !== null && request.extendedAt !== undefined) {
      throw new PrivacyError(PrivacyErrorCode.AlreadyExtended, 'The deadline of a request can be extended once');
    }
    set.extendedAt = deps.clock();
    set.dueAt = addMonths(request.receivedAt, 3);
  }
  if (VERIFIED_KINDS.includes(request.kind) && WORKING_STATUSES.includes(to) && (request.verifiedAt === null || request.verifiedAt === undefined)) {
    throw new PrivacyError(PrivacyErrorCode.IdentityNotVerified, "The requester's identity is not verified yet");
  }
  const actor = actorOf(identity);
  if (to === 'COMPLETED' && request.kind === 'ACCESS') {
    const artifact = await createExportArtifact(deps, request);
    try {
      return await applyTransition(deps, request, to, { actor, reason, set });
    } catch (error) {
      await deleteExportArtifact(deps, artifact);
      throw error;
    }
  }
  if (to === 'COMPLETED' && request.kind === 'ERASURE') {
    const erasure = await runErasure(deps, request);
    const outcome = erasure.verification?.clean === true ? 'verified: no former value found' : 'verification found former values (see the erasure record)';
    return applyTransition(deps, request, to, { actor, reason: reason ?? `Erased in ${erasure.subgraphs.length} services; ${outcome}`, set });
  }
  return applyTransition(deps, request, to, { actor, reason, set });
}
