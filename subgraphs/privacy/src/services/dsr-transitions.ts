import type { DsrKind, DsrStatus } from '../models/data-subject-request.ts';

/**
 * The one table of allowed status changes of a data-subject request. COMPLETED and REJECTED
 * are final, except that a RESTRICTION or OBJECTION in force may be LIFTED (only through
 * `services/dsr-lift.ts`, which checks the kind). LIFTED is final. EXTENDED is allowed once per request (checked with `extendedAt`).
 */
export const DSR_TRANSITIONS: Readonly<Record<DsrStatus, readonly DsrStatus[]>> = Object.freeze({
  RECEIVED: ['VERIFYING', 'IN_PROGRESS', 'REJECTED', 'EXTENDED', 'LIFTED'],
  VERIFYING: ['IN_PROGRESS', 'REJECTED', 'EXTENDED'],
  IN_PROGRESS: ['COMPLETED', 'REJECTED', 'EXTENDED', 'LIFTED'],
  EXTENDED: ['IN_PROGRESS', 'COMPLETED', 'REJECTED', 'LIFTED'],
  // A completed RESTRICTION or OBJECTION stays in force until lifted (services/dsr-lift.ts only).
  COMPLETED: ['LIFTED'],
  REJECTED: [],
  LIFTED: [],
});

export function isAllowedTransition(from: DsrStatus, to: DsrStatus): boolean {
  return DSR_TRANSITIONS[from].includes(to);
}

/** Changes that must say why. */
export const REASON_REQUIRED_FOR: readonly DsrStatus[] = ['REJECTED', 'EXTENDED'];

/** Kinds whose work (an export, an erasure) runs only after the requester's identity is verified by a recent sign-in. */
export const VERIFIED_KINDS: readonly DsrKind[] = ['ACCESS', 'ERASURE'];

/** Statuses in which the work of the request runs. */
export const WORKING_STATUSES: readonly DsrStatus[] = ['IN_PROGRESS', 'COMPLETED'];

/** Final statuses: the request is closed. */
export const FINAL_STATUSES: readonly DsrStatus[] = ['COMPLETED', 'REJECTED', 'LIFTED'];

/** Kinds that make services leave a person out of matching and marketing while they stand, until rejected or lifted. */
export const RESTRICTING_KINDS: readonly DsrKind[] = ['RESTRICTION', 'OBJECTION'];

/** Statuses in which a RESTRICTION or OBJECTION is no longer in force. */
export const NOT_IN_FORCE_STATUSES: readonly DsrStatus[] = ['REJECTED', 'LIFTED'];
