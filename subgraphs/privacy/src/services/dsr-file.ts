import { Types } from 'mongoose';
import { z } from 'zod';
import { isRecentlyAuthenticated, type PrivacyDeps } from '../deps.ts';
import { PrivacyError, PrivacyErrorCode, invalidInput } from '../errors.ts';
import { DSR_KINDS, PENDING_DSR_STATUSES, type DataSubjectRequestRecord, type DsrKind } from '../models/data-subject-request.ts';
import { addMonths } from './calendar.ts';
import { SYSTEM_ACTOR, type Actor } from './dsr-actor.ts';
import { applyTransition, notifyStep } from './dsr-apply-transition.ts';
import { VERIFIED_KINDS } from './dsr-transitions.ts';
import { withdrawAllConsent } from './withdraw-consent.ts';

export const fileInput = z.object({
  kind: z.enum(DSR_KINDS),
  details: z.string().trim().max(5_000).nullish(),
});

/**
 * Files a data-subject request: RECEIVED, due in one calendar month, audited and mailed. Then:
 * - ACCESS and ERASURE move to VERIFYING; when the requester signed in within the last
 *   `recentAuthMinutes` (`verified`), their identity counts as verified and the request moves
 *   on to IN_PROGRESS at once; otherwise it waits for `verifyDataSubjectRequest`.
 * - CONSENT_WITHDRAWAL is carried out at once (every non-necessary purpose refused) and COMPLETED.
 * - RESTRICTION and OBJECTION take effect from filing (`processingRestricted`) until rejected.
 * One open request per kind and person (OPEN_REQUEST_EXISTS), enforced by a unique `openKey`
 * so that two concurrent filings cannot both succeed.
 */
export async function fileDataSubjectRequest(
  deps: PrivacyDeps,
  options: { subjectId: Types.ObjectId; actor: Actor; filedBy: string; authenticatedAt: number | null; input: z.input<typeof fileInput>; verifiedBy?: string },
): Promise<DataSubjectRequestRecord> {
  const parsed = fileInput.safeParse(options.input);
  if (!parsed.success) throw invalidInput('details: at most 5,000 characters');
  const { kind } = parsed.data;
  const details = parsed.data.details === undefined || parsed.data.details === null || parsed.data.details === '' ? null : parsed.data.details;
  if (kind === 'RECTIFICATION' && details === null) throw invalidInput('A rectification request says what is inaccurate (details)');
  const model = deps.models.DataSubjectRequest;
  if ((await model.exists({ subjectId: options.subjectId, kind, status: { $in: PENDING_DSR_STATUSES } })) !== null) {
    throw new PrivacyError(PrivacyErrorCode.OpenRequestExists, `There is already an open ${kind} request`);
  }
  const now = deps.clock();
  const created = await model
    .create({
      openKey: `${options.subjectId.toHexString()}:${kind}`,
      subjectId: options.subjectId,
      kind,
      status: 'RECEIVED',
      details,
      filedBy: options.filedBy,
      receivedAt: now,
      dueAt: addMonths(now, 1),
      history: [{ from: null, to: 'RECEIVED', actorId: options.actor.id, actorRole: options.actor.role, reason: null, at: now, notification: 'PENDING' }],
    })
    .catch((error: unknown) => {
      if ((error as { code?: number }).code === 11000) throw new PrivacyError(PrivacyErrorCode.OpenRequestExists, `There is already an open ${kind} request`);
      throw error;
    });
  let request = await notifyStep(deps, created.toObject() as DataSubjectRequestRecord, 0);
  if (VERIFIED_KINDS.includes(kind)) {
    request = await applyTransition(deps, request, 'VERIFYING', { actor: SYSTEM_ACTOR, reason: 'Identity to be confirmed by signing in again' });
    const verifiedBy =
      options.verifiedBy ?? (isRecentlyAuthenticated(options.authenticatedAt, deps.recentAuthMinutes, now) ? 'Identity confirmed by a recent sign-in' : undefined);
    if (verifiedBy !== undefined) {
      request = await applyTransition(deps, request, 'IN_PROGRESS', { actor: options.actor, reason: verifiedBy, set: { verifiedAt: now } });
    }
  }
  if (kind === 'CONSENT_WITHDRAWAL') {
    await withdrawAllConsent(deps.models, options.subjectId, now);
    request = await applyTransition(deps, request, 'IN_PROGRESS', { actor: SYSTEM_ACTOR });
    request = await applyTransition(deps, request, 'COMPLETED', { actor: SYSTEM_ACTOR, reason: 'Every non-necessary consent withdrawn' });
  }
  return request;
}

/** Kinds as accepted by the seed factory (`access` or `ACCESS`). */
export function normalizeKind(kind: string): DsrKind {
  const upper = kind.toUpperCase();
  if (!(DSR_KINDS as readonly string[]).includes(upper)) throw new Error(`Unknown data-subject request kind: ${kind}`);
  return upper as DsrKind;
}
