import { AuthErrorCode, isAuthError } from '@leadgraph/auth';
import type { Logger } from '@leadgraph/logging';
import { assertUnreachable, createFormatError as createServiceFormatError, type ClientError } from '@leadgraph/service-kit';

/** What can go wrong in the users domain, as stable codes. */
export enum UsersErrorCode {
  /** An id argument is not a 24-character hexadecimal ObjectId. */
  InvalidId = 'INVALID_ID',
  /** An `after` cursor is not one this subgraph produced. */
  InvalidCursor = 'INVALID_CURSOR',
  /** `first` is outside 1..100. */
  PageSizeOutOfRange = 'PAGE_SIZE_OUT_OF_RANGE',
  /** An argument fails its service's input schema (too long, wrong shape). */
  InvalidInput = 'INVALID_INPUT',
  /** Right password, but the address is not confirmed yet. */
  EmailNotVerified = 'EMAIL_NOT_VERIFIED',
  /** The caller's role passes the field's rule, but not this operation (a pro profile for a non-pro). */
  NotAllowed = 'NOT_ALLOWED',
  /** The thing acted on does not exist or is not the caller's (the same answer for both). */
  NotFound = 'NOT_FOUND',
  /** A verification decision the current status does not allow (see the transitions table). */
  InvalidTransition = 'INVALID_TRANSITION',
  /** The uploaded bytes are not valid base64 or not a PNG, JPEG or WebP image. */
  InvalidImage = 'INVALID_IMAGE',
  /** The decoded image is larger than the configured limit. */
  ImageTooLarge = 'IMAGE_TOO_LARGE',
  /** The declared content type is not the type the bytes are. */
  ContentTypeMismatch = 'CONTENT_TYPE_MISMATCH',
  /** The pro already has the maximum number of gallery images. */
  TooManyImages = 'TOO_MANY_IMAGES',
  /** The same bytes are already on the profile as the other kind (logo / gallery). */
  DuplicateImage = 'DUPLICATE_IMAGE',
  /** An IBAN, sort code or account number fails its checks (`field` names which). */
  InvalidBankAccount = 'INVALID_BANK_ACCOUNT',
  /** A payout was recorded for a pro who has no payout account. */
  NoPayoutAccount = 'NO_PAYOUT_ACCOUNT',
  /** An unsubscribe link's token is malformed, forged or for another purpose. */
  InvalidUnsubscribeToken = 'INVALID_UNSUBSCRIBE_TOKEN',
  /** A privacy request code that is wrong, expired, used or superseded, or for an unknown address (one answer for all). */
  InvalidCode = 'INVALID_CODE',
}

/** A domain error: a safe message for the client and a code; `field` names the input at fault (never its value). */
export class UsersError extends Error {
  override name = 'UsersError';
  constructor(
    readonly code: UsersErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export function extensionsCode(code: UsersErrorCode): 'BAD_USER_INPUT' | 'EMAIL_NOT_VERIFIED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'INVALID_CODE' {
  switch (code) {
    case UsersErrorCode.InvalidId:
    case UsersErrorCode.InvalidCursor:
    case UsersErrorCode.PageSizeOutOfRange:
    case UsersErrorCode.InvalidInput:
    case UsersErrorCode.InvalidImage:
    case UsersErrorCode.ImageTooLarge:
    case UsersErrorCode.ContentTypeMismatch:
    case UsersErrorCode.TooManyImages:
    case UsersErrorCode.DuplicateImage:
    case UsersErrorCode.InvalidBankAccount:
    case UsersErrorCode.NoPayoutAccount:
    case UsersErrorCode.InvalidUnsubscribeToken:
      return 'BAD_USER_INPUT';
    case UsersErrorCode.EmailNotVerified:
      return 'EMAIL_NOT_VERIFIED';
    case UsersErrorCode.NotAllowed:
      return 'FORBIDDEN';
    case UsersErrorCode.NotFound:
      return 'NOT_FOUND';
    case UsersErrorCode.InvalidTransition:
      return 'CONFLICT';
    case UsersErrorCode.InvalidCode:
      return 'INVALID_CODE';
    default:
      return assertUnreachable(code);
  }
}

/**
 * The one place an `@leadgraph/auth` code becomes an `extensions.code` (the gateway forwards
 * `code` and `retryAfterSeconds` only). Today each keeps its name; the switch makes a new
 * AuthErrorCode a compile error here until it is mapped.
 */
export function authExtensionsCode(code: AuthErrorCode): string {
  switch (code) {
    case AuthErrorCode.InvalidCredentials:
      return 'INVALID_CREDENTIALS';
    case AuthErrorCode.WeakPassword:
      return 'WEAK_PASSWORD';
    case AuthErrorCode.RateLimited:
      return 'RATE_LIMITED';
    case AuthErrorCode.TokenInvalid:
      return 'TOKEN_INVALID';
    case AuthErrorCode.Underage:
      return 'UNDERAGE';
    case AuthErrorCode.InvalidDateOfBirth:
      return 'INVALID_DATE_OF_BIRTH';
    case AuthErrorCode.InvalidEmail:
      return 'INVALID_EMAIL';
    case AuthErrorCode.EmailTaken:
      return 'EMAIL_TAKEN';
    case AuthErrorCode.ReauthRequired:
      return 'REAUTH_REQUIRED';
    case AuthErrorCode.Unauthenticated:
      return 'UNAUTHENTICATED';
    default:
      return assertUnreachable(code);
  }
}

/** Safe details of an auth error worth a client's while: the retry delay, the password problems (codes only). */
function authDetails(details: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (typeof details.retryAfterSeconds === 'number') out.retryAfterSeconds = details.retryAfterSeconds;
  if (Array.isArray(details.problems)) {
    out.problems = details.problems.map((p: unknown) => (typeof p === 'object' && p !== null ? (p as { code?: unknown }).code : p));
  }
  return out;
}

/**
 * ApolloServer `formatError`: domain and auth errors get their mapped code (domain errors also
 * their domain code as `reason`); everything else as every service formats it.
 */
export function createFormatError(logger: Logger) {
  return createServiceFormatError(logger, (error): ClientError | null => {
    if (error instanceof UsersError) {
      return {
        code: extensionsCode(error.code),
        reason: error.code,
        message: error.message,
        ...(error.field === undefined ? {} : { extensions: { field: error.field } }),
      };
    }
    if (isAuthError(error)) {
      return { code: authExtensionsCode(error.code), message: error.message, extensions: authDetails(error.details) };
    }
    return null;
  });
}
