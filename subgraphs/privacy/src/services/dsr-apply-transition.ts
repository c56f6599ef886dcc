import type { PrivacyDeps } from '../deps.ts';
import { PrivacyError, PrivacyErrorCode } from '../errors.ts';
import type { DataSubjectRequestRecord, DsrStatus, DsrTransition } from '../models/data-subject-request.ts';
import type { Actor } from './dsr-actor.ts';
import { FINAL_STATUSES, isAllowedTransition } from './dsr-transitions.ts';

/**
 * Moves a request from its current status to `to`, audited: the status change and its
 * history entry (who, when, from, to, reason) are one atomic update conditioned on the status
 * read, so two concurrent changes cannot both apply. Then the requester is mailed
 * (REQUEST_UPDATE, deduplicated per request and step) and the outcome is written onto the
 * entry. `set` carries the fields that change with the status (dueAt, verifiedAt...).
 */
export async function applyTransition(
  deps: PrivacyDeps,
  request: DataSubjectRequestRecord,
  to: DsrStatus,
  options: { actor: Actor; reason?: string | null; set?: Record<string, unknown> },
): Promise<DataSubjectRequestRecord> {
  if (!isAllowedTransition(request.status, to)) {
    throw new PrivacyError(PrivacyErrorCode.InvalidTransition, `A request cannot go from ${request.status} to ${to}`);
  }
  const now = deps.clock();
  const entry: DsrTransition = {
    from: request.status,
    to,
    actorId: options.actor.id,
    actorRole: options.actor.role,
    reason: options.reason ?? null,
    at: now,
    notification: 'PENDING',
  };
  const set: Record<string, unknown> = { status: to, ...options.set };
  const final = FINAL_STATUSES.includes(to);
  if (final) set.closedAt = now;
  if (options.reason) set.reason = options.reason;
  const updated = await deps.models.DataSubjectRequest.findOneAndUpdate(
    { _id: request._id, status: request.status },
    { $set: set, $push: { history: entry }, ...(final ? { $unset: { openKey: 1 } } : {}) },
    { returnDocument: 'after' },
  ).lean<DataSubjectRequestRecord>();
  if (updated === null) {
    throw new PrivacyError(PrivacyErrorCode.InvalidTransition, 'The request changed meanwhile; reload it and try again');
  }
  return notifyStep(deps, updated, updated.history.length - 1);
}

/** Mails the requester about history entry `index` and records whether it was queued. */
export async function notifyStep(deps: PrivacyDeps, request: DataSubjectRequestRecord, index: number): Promise<DataSubjectRequestRecord> {
  const step = request.history[index]!;
  const outcome = await deps.notify({
    recipientId: request.subjectId.toHexString(),
    requestId: request._id.toHexString(),
    status: step.to,
    dedupeKey: `dsr:${request._id.toHexString()}:${index}:${step.to}`,
  });
  await deps.models.DataSubjectRequest.updateOne({ _id: request._id }, { $set: { [`history.${index}.notification`]: outcome } });
  step.notification = outcome;
  return request;
}
