import type { Logger } from '@leadgraph/logging';
import { assertUnreachable, createFormatError as createServiceFormatError } from '@leadgraph/service-kit';

/** What can go wrong in the privacy domain, as stable codes. */
export enum PrivacyErrorCode {
  /** An id argument is not a 24-character hexadecimal ObjectId. */
  InvalidId = 'INVALID_ID',
  /** An input fails validation (length, format, duplicates). */
  InvalidInput = 'INVALID_INPUT',
  /** `first` outside 1..100. */
  PageSizeOutOfRange = 'PAGE_SIZE_OUT_OF_RANGE',
  /** `after` is not one of our cursors. */
  InvalidCursor = 'INVALID_CURSOR',
  /** A policy version would take effect before its publication or before the latest version. */
  InvalidEffectiveDate = 'INVALID_EFFECTIVE_DATE',
  /** NECESSARY cannot be refused. */
  NecessaryCannotBeRefused = 'NECESSARY_CANNOT_BE_REFUSED',
  /** REJECTED and EXTENDED need a reason. */
  ReasonRequired = 'REASON_REQUIRED',
  /** Nothing the caller may see has this id (whether it exists is not revealed). */
  NotFound = 'NOT_FOUND',
  /** The processing needs a consent the person has not given (nothing was stored). */
  ConsentRequired = 'CONSENT_REQUIRED',
  /** The requester must sign in again (identity verification) first. */
  ReauthRequired = 'REAUTH_REQUIRED',
  /** An anonymous caller without the gateway's visitor id: there is nobody to record consent for. */
  VisitorIdRequired = 'VISITOR_ID_REQUIRED',
  /** The status change is not in the transitions table. */
  InvalidTransition = 'INVALID_TRANSITION',
  /** A request's deadline can be extended once. */
  AlreadyExtended = 'ALREADY_EXTENDED',
  /** An ACCESS or ERASURE request cannot be worked on before the requester's identity is verified. */
  IdentityNotVerified = 'IDENTITY_NOT_VERIFIED',
  /** The requester already has an open request of this kind. */
  OpenRequestExists = 'OPEN_REQUEST_EXISTS',
  /** The account is already flagged as a minor's. */
  AlreadyFlagged = 'ALREADY_FLAGGED',
  /** The export's download link has expired (or the token is not valid). */
  ExportLinkExpired = 'EXPORT_LINK_EXPIRED',
  /** Another processor has this name. */
  ProcessorNameTaken = 'PROCESSOR_NAME_TAKEN',
  /** The federated export could not be run (the gateway or a subgraph failed): nothing was stored, retry later. */
  ExportFailed = 'EXPORT_FAILED',
  /** A subgraph could not erase or scan: the progress so far is recorded, a rerun resumes. */
  ErasureFailed = 'ERASURE_FAILED',
}

/** A domain error: a safe message for the client and a code. */
export class PrivacyError extends Error {
  override name = 'PrivacyError';
  constructor(
    readonly code: PrivacyErrorCode,
    message: string,
  ) {
    super(message);
  }
}

type ExtensionsCode = 'BAD_USER_INPUT' | Exclude<`${PrivacyErrorCode}`, 'INVALID_ID' | 'INVALID_INPUT' | 'PAGE_SIZE_OUT_OF_RANGE' | 'INVALID_CURSOR' | 'INVALID_EFFECTIVE_DATE' | 'NECESSARY_CANNOT_BE_REFUSED' | 'REASON_REQUIRED'>;

/** The one place a domain code becomes a GraphQL `extensions.code`: bad input is BAD_USER_INPUT, every refusal its own code. */
export function extensionsCode(code: PrivacyErrorCode): ExtensionsCode {
  switch (code) {
    case PrivacyErrorCode.InvalidId:
    case PrivacyErrorCode.InvalidInput:
    case PrivacyErrorCode.PageSizeOutOfRange:
    case PrivacyErrorCode.InvalidCursor:
    case PrivacyErrorCode.InvalidEffectiveDate:
    case PrivacyErrorCode.NecessaryCannotBeRefused:
    case PrivacyErrorCode.ReasonRequired:
      return 'BAD_USER_INPUT';
    case PrivacyErrorCode.NotFound:
      return 'NOT_FOUND';
    case PrivacyErrorCode.ConsentRequired:
      return 'CONSENT_REQUIRED';
    case PrivacyErrorCode.ReauthRequired:
      return 'REAUTH_REQUIRED';
    case PrivacyErrorCode.VisitorIdRequired:
      return 'VISITOR_ID_REQUIRED';
    case PrivacyErrorCode.InvalidTransition:
      return 'INVALID_TRANSITION';
    case PrivacyErrorCode.AlreadyExtended:
      return 'ALREADY_EXTENDED';
    case PrivacyErrorCode.IdentityNotVerified:
      return 'IDENTITY_NOT_VERIFIED';
    case PrivacyErrorCode.OpenRequestExists:
      return 'OPEN_REQUEST_EXISTS';
    case PrivacyErrorCode.AlreadyFlagged:
      return 'ALREADY_FLAGGED';
    case PrivacyErrorCode.ExportLinkExpired:
      return 'EXPORT_LINK_EXPIRED';
    case PrivacyErrorCode.ProcessorNameTaken:
      return 'PROCESSOR_NAME_TAKEN';
    case PrivacyErrorCode.ExportFailed:
      return 'EXPORT_FAILED';
    case PrivacyErrorCode.ErasureFailed:
      return 'ERASURE_FAILED';
    default:
      return assertUnreachable(code);
  }
}

/** ApolloServer `formatError`: this domain's errors get their mapped code and the domain code as `reason`. */
export function createFormatError(logger: Logger) {
  return createServiceFormatError(logger, (error) =>
    error instanceof PrivacyError
      ? { code: extensionsCode(error.code), reason: error.code, message: error.message }
      : null,
  );
}

/** Shorthand for the errors thrown most. */
export const notFound = (what: string) => new PrivacyError(PrivacyErrorCode.NotFound, `${what} not found`);
export const invalidInput = (message: string) => new PrivacyError(PrivacyErrorCode.InvalidInput, message);
