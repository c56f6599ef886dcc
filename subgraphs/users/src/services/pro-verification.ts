import type { ProVerificationEvent } from '../models/pro-verification-audit.ts';
import type { ProVerificationStatus } from '../models/user.ts';

/**
 * The pro verification lifecycle in one table: for each event, the statuses it may start from
 * (`null`: no profile yet) and the status it leads to. Every transition is audited in
 * `pro_verification_audit`.
 *
 * - SUBMIT (the pro): creating a profile, editing a REJECTED one (resubmission), or changing
 *   what a VERIFIED one was verified for (company name, a new category). Editing a PENDING
 *   profile is no transition: it stays in the queue at its place.
 * - VERIFY (an admin): only a PENDING profile.
 * - REJECT (an admin, with a reason): a PENDING profile, or a VERIFIED one (revocation).
 */
export const PRO_VERIFICATION_TRANSITIONS: Readonly<
  Record<ProVerificationEvent, { from: ReadonlyArray<ProVerificationStatus | null>; to: ProVerificationStatus }>
> = {
  SUBMIT: { from: [null, 'REJECTED', 'VERIFIED'], to: 'PENDING' },
  VERIFY: { from: ['PENDING'], to: 'VERIFIED' },
  REJECT: { from: ['PENDING', 'VERIFIED'], to: 'REJECTED' },
};

/** The status `event` leads to from `from`, or null when the table does not allow it. */
export function nextVerificationStatus(event: ProVerificationEvent, from: ProVerificationStatus | null): ProVerificationStatus | null {
  const transition = PRO_VERIFICATION_TRANSITIONS[event];
  return transition.from.includes(from) ? transition.to : null;
}

/**
 * Whether saving a profile resubmits it for review. A verified profile stays verified when
 * the pro edits the description, contact details or service areas, or drops a category:
 * the verification vouches for the business (its name) and its trades, not for where it
 * works. A new company name or a new category needs a new review.
 */
export function editResubmits(
  current: { status: ProVerificationStatus; companyName: string | null; categories: readonly string[] } | null,
  next: { companyName: string; categories: readonly string[] },
): boolean {
  if (current === null) return true;
  switch (current.status) {
    case 'PENDING':
      return false;
    case 'REJECTED':
      return true;
    case 'VERIFIED':
      return current.companyName !== next.companyName || next.categories.some((c) => !current.categories.includes(c));
  }
}
