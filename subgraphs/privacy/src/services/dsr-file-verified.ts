import { parseObjectId } from '@leadgraph/db';
import type { PrivacyDeps } from '../deps.ts';
import { PrivacyError, PrivacyErrorCode } from '../errors.ts';
import type { DataSubjectRequestRecord, DsrKind } from '../models/data-subject-request.ts';
import { SYSTEM_ACTOR } from './dsr-actor.ts';
import { fileDataSubjectRequest } from './dsr-file.ts';

/** How a service verified the requester's identity, as written in the request's audit trail. */
const VERIFICATION_AUDIT: Record<'EMAIL_CODE', string> = {
  EMAIL_CODE: "Identity confirmed by a one-time code mailed to the account's email address",
};

/**
 * Files a request for a person who cannot sign in (lost password, closed account) once a
 * platform service verified their identity (the users subgraph, by a mailed one-time code).
 * The same filing as `fileDataSubjectRequest`, by the requester (`filedBy: subject`), with the
 * identity counted as verified: ACCESS and ERASURE skip VERIFYING's re-authentication, the
 * VERIFYING → IN_PROGRESS step recording how it was verified. The person then gets the usual
 * REQUEST_UPDATE mails.
 */
export async function fileVerifiedDataSubjectRequest(
  deps: PrivacyDeps,
  input: { subjectId: string; kind: DsrKind; details?: string | null; verifiedBy: 'EMAIL_CODE' },
): Promise<DataSubjectRequestRecord> {
  const subjectId = parseObjectId(input.subjectId);
  if (subjectId === null) throw new PrivacyError(PrivacyErrorCode.InvalidId, 'Invalid user id');
  return fileDataSubjectRequest(deps, {
    subjectId,
    actor: SYSTEM_ACTOR,
    filedBy: 'subject',
    authenticatedAt: null,
    input: { kind: input.kind, details: input.details ?? null },
    verifiedBy: VERIFICATION_AUDIT[input.verifiedBy],
  });
}
