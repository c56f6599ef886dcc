import { isService, type Identity } from '@leadgraph/identity';

/** The scope an integrator's API key needs to read personal data in clear. */
export const PERSONAL_READ_SCOPE = 'personal:read';

/**
 * The scope the privacy subgraph's service identity carries while it runs a data export
 * (issue #6): values are read in clear, because the export is the subject's own copy.
 * Only a service identity may hold it; on a user's or an API key's identity it counts for nothing.
 */
export const PERSONAL_EXPORT_SCOPE = 'personal:export';

/** Why a personal value was shown in clear, or MASKED when it was not. */
export type AccessReason = 'SUBJECT' | 'EXPORT' | 'ADMIN_WITH_REASON' | 'RELATIONSHIP' | 'INTEGRATOR_SCOPE' | 'MASKED';

export interface AccessDecision {
  clear: boolean;
  reason: AccessReason;
}

export interface AccessRequest {
  identity: Identity;
  /** The user ids whose data the value is (two or more for co-owned data). */
  subjectIds: readonly string[];
  /** Whether the domain lets this caller see this subject's data (e.g. the hired pro). */
  relationshipAllows?: boolean;
  /** What an admin stated as the reason for looking (a ticket, a data-subject request). */
  adminReason?: string | undefined;
}

/** Shortest admin reason accepted: a word, not a keystroke. */
export const MIN_ADMIN_REASON_LENGTH = 3;

/** An admin's stated reason, trimmed, or null when there is none worth the name. */
export function normalizeAdminReason(reason: string | undefined): string | null {
  const trimmed = reason?.trim() ?? '';
  return trimmed.length >= MIN_ADMIN_REASON_LENGTH ? trimmed : null;
}

const MASKED: AccessDecision = Object.freeze({ clear: false, reason: 'MASKED' });

/**
 * Whether the caller sees a personal value in clear. Deny by default; in order:
 * 1. the data subject (any of them, for co-owned data) sees their own data;
 *    a platform service exporting a subject's data (`personal:export`) sees it as the subject would (EXPORT);
 * 2. an admin sees it only with a stated reason, and is masked otherwise (whatever their scopes);
 * 3. a signed-in caller the domain relates to the subject (e.g. the pro hired for the lead);
 * 4. an integrator whose key carries `personal:read`;
 * everyone else, the anonymous caller included, gets the masked form.
 */
export function decideAccess(request: AccessRequest): AccessDecision {
  const { identity, subjectIds } = request;
  const userId = identity.userId;
  if (userId !== null && userId !== '' && subjectIds.includes(userId)) return { clear: true, reason: 'SUBJECT' };
  if (isExportingService(identity)) return { clear: true, reason: 'EXPORT' };
  if (identity.role === 'admin') {
    return normalizeAdminReason(request.adminReason) === null ? MASKED : { clear: true, reason: 'ADMIN_WITH_REASON' };
  }
  if (request.relationshipAllows === true && userId !== null && userId !== '') {
    return { clear: true, reason: 'RELATIONSHIP' };
  }
  if (identity.scopes.includes(PERSONAL_READ_SCOPE)) return { clear: true, reason: 'INTEGRATOR_SCOPE' };
  return MASKED;
}

/** A platform service running a data export: role `service` with `personal:export` (never a user or an API key). */
export function isExportingService(identity: Identity): boolean {
  return isService(identity) && identity.scopes.includes(PERSONAL_EXPORT_SCOPE);
}

/**
 * Who may read a `DataSubject` field (contract P1): a platform service exporting
 * (`personal:export`) or an admin. Every subgraph's `DataSubject` resolvers check it and answer
 * FORBIDDEN otherwise; masking still applies per field (an admin without a reason sees masks).
 */
export function mayReadDataSubject(identity: Identity | undefined): boolean {
  return identity !== undefined && (isExportingService(identity) || identity.role === 'admin');
}
