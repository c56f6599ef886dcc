import type { Identity } from '@leadgraph/identity';
import type { PrivacyDeps } from '../deps.ts';
import type { Visitor } from '../visitor.ts';
import { consentSubjectOf, type ConsentSubject } from './consent-subject.ts';
import { mergeVisitorConsent } from './merge-visitor-consent.ts';

/**
 * The caller's consent subject, after merging the visitor's decisions into the account when
 * a signed-in user still carries a visitor id (see `mergeVisitorConsent`). Null when there is
 * nobody to decide for.
 */
export async function callerConsentSubject(deps: PrivacyDeps, identity: Identity, visitor: Visitor): Promise<ConsentSubject | null> {
  const subject = consentSubjectOf(identity, visitor);
  if (subject?.kind === 'user' && visitor.visitorId !== null) {
    await mergeVisitorConsent(deps.models.ConsentRecord, subject.userId, visitor.visitorId, deps.clock());
  }
  return subject;
}
