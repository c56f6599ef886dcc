import type { Logger } from '@leadgraph/logging';
import { assertUnreachable, createFormatError as createServiceFormatError } from '@leadgraph/service-kit';

/** What can go wrong in the leads domain, as stable codes. */
export enum LeadsErrorCode {
  /** An id argument is not a 24-character hexadecimal ObjectId. */
  InvalidId = 'INVALID_ID',
  /** An `after` cursor is not one this subgraph produced. */
  InvalidCursor = 'INVALID_CURSOR',
  /** `first` is outside 1..100. */
  PageSizeOutOfRange = 'PAGE_SIZE_OUT_OF_RANGE',
  /** An input field is invalid; `extensions.field` names it. */
  InvalidInput = 'INVALID_INPUT',
  /**
   * The lead (or response) does not exist or the caller may not act on it: one answer for
   * both, so a refusal never confirms that something exists.
   */
  NotFound = 'NOT_FOUND',
  /** The lifecycle table has no move from the lead's status to the asked one (`extensions.from` / `to`). */
  InvalidTransition = 'INVALID_TRANSITION',
  /** The lead already took the maximum number of responses. */
  LeadFull = 'LEAD_FULL',
  /** This pro already responded to this lead. */
  AlreadyResponded = 'ALREADY_RESPONDED',
  /** The pro is not verified, active and unrestricted, so not matched to leads. */
  ProNotVerified = 'PRO_NOT_VERIFIED',
  /** The caller already has an open dispute on this lead (one per lead per opener). */
  AlreadyDisputed = 'ALREADY_DISPUTED',
  /** A party answers a dispute with no open question addressed to them (or already answered it). */
  NotAskedToAnswer = 'NOT_ASKED_TO_ANSWER',
  /** An admin reads private correspondence (a dispute's thread) without `x-leadgraph-admin-reason`. */
  AdminReasonRequired = 'ADMIN_REASON_REQUIRED',
  /** Partner statistics need an admin or an API key with the scope `statistics:read`. */
  StatisticsScopeRequired = 'STATISTICS_SCOPE_REQUIRED',
}

/** A domain error: a safe message for the client, a code and optional safe extensions (never personal data). */
export class LeadsError extends Error {
  override name = 'LeadsError';
  constructor(
    readonly code: LeadsErrorCode,
    message: string,
    readonly extensions: Record<string, string | number> = {},
  ) {
    super(message);
  }
}

type ExtensionsCode =
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'FORBIDDEN'
  | 'INVALID_TRANSITION'
  | 'LEAD_FULL'
  | 'ALREADY_RESPONDED'
  | 'ALREADY_DISPUTED'
  | 'NOT_ASKED_TO_ANSWER';

/** The one place a domain code becomes a GraphQL `extensions.code`. */
export function extensionsCode(code: LeadsErrorCode): ExtensionsCode {
  switch (code) {
    case LeadsErrorCode.InvalidId:
    case LeadsErrorCode.InvalidCursor:
    case LeadsErrorCode.PageSizeOutOfRange:
    case LeadsErrorCode.InvalidInput:
      return 'BAD_USER_INPUT';
    case LeadsErrorCode.NotFound:
      return 'NOT_FOUND';
    case LeadsErrorCode.ProNotVerified:
    case LeadsErrorCode.AdminReasonRequired:
    case LeadsErrorCode.StatisticsScopeRequired:
      return 'FORBIDDEN';
    case LeadsErrorCode.AlreadyDisputed:
      return 'ALREADY_DISPUTED';
    case LeadsErrorCode.NotAskedToAnswer:
      return 'NOT_ASKED_TO_ANSWER';
    case LeadsErrorCode.InvalidTransition:
      return 'INVALID_TRANSITION';
    case LeadsErrorCode.LeadFull:
      return 'LEAD_FULL';
    case LeadsErrorCode.AlreadyResponded:
      return 'ALREADY_RESPONDED';
    default:
      return assertUnreachable(code);
  }
}

/** ApolloServer `formatError`: this domain's errors get their mapped code and the domain code as `reason`. */
export function createFormatError(logger: Logger) {
  return createServiceFormatError(logger, (error) =>
    error instanceof LeadsError
      ? { code: extensionsCode(error.code), reason: error.code, message: error.message, extensions: error.extensions }
      : null,
  );
}

/** The error for an invalid input field: `BAD_USER_INPUT`, `extensions.field` the path, e.g. `input.budget.max`. */
export function invalidInput(field: string, message: string): LeadsError {
  return new LeadsError(LeadsErrorCode.InvalidInput, message, { field });
}

/** The same refusal for "no such thing" and "not yours to see or act on". */
export function notFound(what: 'lead' | 'response' | 'dispute'): LeadsError {
  return new LeadsError(LeadsErrorCode.NotFound, `No such ${what}`);
}
