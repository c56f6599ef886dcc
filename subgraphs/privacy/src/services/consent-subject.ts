import { Types } from 'mongoose';
import type { Identity } from '@leadgraph/identity';
import { PrivacyError, PrivacyErrorCode } from '../errors.ts';
import type { Visitor } from '../visitor.ts';

/** Whose consent a request is about: the signed-in user, else the anonymous visitor of the `lg_vid` cookie. */
export type ConsentSubject = { kind: 'user'; userId: Types.ObjectId } | { kind: 'visitor'; visitorId: string };

/** The subject of the caller, or null when there is none (anonymous without a visitor id, or a service). */
export function consentSubjectOf(identity: Identity, visitor: Visitor): ConsentSubject | null {
  if (identity.userId !== null && identity.role !== 'service' && Types.ObjectId.isValid(identity.userId)) {
    return { kind: 'user', userId: new Types.ObjectId(identity.userId) };
  }
  return visitor.visitorId === null ? null : { kind: 'visitor', visitorId: visitor.visitorId };
}

export function requireConsentSubject(identity: Identity, visitor: Visitor): ConsentSubject {
  const subject = consentSubjectOf(identity, visitor);
  if (subject === null) {
    throw new PrivacyError(PrivacyErrorCode.VisitorIdRequired, 'No visitor id: consent can only be recorded through the gateway (lg_vid cookie) or when signed in');
  }
  return subject;
}

/** The records that decide for a subject: the account's, or the visitor's not yet merged into an account. */
export function subjectFilter(subject: ConsentSubject): Record<string, unknown> {
  return subject.kind === 'user' ? { userId: subject.userId } : { visitorId: subject.visitorId, userId: null, mergedAt: null };
}
