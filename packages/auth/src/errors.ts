/**
 * What can go wrong in account security, as stable codes with safe messages. The wording is
 * generic on purpose: no message says whether an account exists, which of email or password
 * was wrong, or whether a token was used, expired or never issued.
 */
export enum AuthErrorCode {
  /** Unknown email, wrong password, or a disabled account: one answer for all three. */
  InvalidCredentials = 'INVALID_CREDENTIALS',
  /** A new password breaks the policy; `problems` on the error says how. */
  WeakPassword = 'WEAK_PASSWORD',
  /** Too many attempts for this account or address; `retryAfterSeconds` says when to retry. */
  RateLimited = 'RATE_LIMITED',
  /** A one-time token that is unknown, used, expired, superseded or for another purpose. */
  TokenInvalid = 'TOKEN_INVALID',
  /** The date of birth makes the person younger than 18. */
  Underage = 'UNDERAGE',
  /** The date of birth is not a real calendar date in the accepted range. */
  InvalidDateOfBirth = 'INVALID_DATE_OF_BIRTH',
  /** Not a single plain email address. */
  InvalidEmail = 'INVALID_EMAIL',
  /**
   * Sign-up with an address that has an account. Only for flows that already prove control of
   * the address (e.g. an admin tool); the public sign-up answers as if it succeeded and mails
   * the owner instead, so it never reveals that the address is registered.
   */
  EmailTaken = 'EMAIL_TAKEN',
  /** The action needs a recent password entry (see `isRecentlyAuthenticated`). */
  ReauthRequired = 'REAUTH_REQUIRED',
  /** No valid session. */
  Unauthenticated = 'UNAUTHENTICATED',
}

/** The client-facing message for each code: generic, no personal data, no internals. */
export const AUTH_ERROR_MESSAGES: Readonly<Record<AuthErrorCode, string>> = Object.freeze({
  [AuthErrorCode.InvalidCredentials]: 'The email address or password is incorrect.',
  [AuthErrorCode.WeakPassword]: 'Choose a stronger password.',
  [AuthErrorCode.RateLimited]: 'Too many attempts. Please wait and try again.',
  [AuthErrorCode.TokenInvalid]: 'This link is invalid or has expired. Please request a new one.',
  [AuthErrorCode.Underage]: 'You must be at least 18 years old to use this service.',
  [AuthErrorCode.InvalidDateOfBirth]: 'Enter a valid date of birth.',
  [AuthErrorCode.InvalidEmail]: 'Enter a valid email address.',
  [AuthErrorCode.EmailTaken]: 'This email address cannot be used.',
  [AuthErrorCode.ReauthRequired]: 'Please enter your password again to continue.',
  [AuthErrorCode.Unauthenticated]: 'Please sign in.',
});

/** An account-security error carrying a stable code and the safe message for it. */
export class AuthError extends Error {
  override name = 'AuthError';
  constructor(
    readonly code: AuthErrorCode,
    /** Extra machine-readable details that are safe to show (problem codes, retry delay). */
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(AUTH_ERROR_MESSAGES[code]);
  }
}

/** By name, so two copies of this module (ESM and a test runner's) still agree. */
export function isAuthError(error: unknown): error is AuthError {
  return error instanceof Error && error.name === 'AuthError' && typeof (error as AuthError).code === 'string';
}
