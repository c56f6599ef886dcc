export { AUTH_ERROR_MESSAGES, AuthError, AuthErrorCode, isAuthError } from './errors.ts';
export {
  MAX_PASSWORD_BYTES,
  PRODUCTION_ARGON2,
  TEST_ARGON2,
  hashPassword,
  needsRehash,
  normalizePassword,
  verifyPassword,
} from './passwords.ts';
export type { Argon2Params } from './passwords.ts';
export { MIN_PASSWORD_LENGTH, PasswordProblemCode, assertPasswordPolicy, checkPasswordPolicy } from './password-policy.ts';
export type { PasswordProblem } from './password-policy.ts';
export { COMMON_PASSWORDS } from './common-passwords.ts';
export {
  SECURE_SESSION_COOKIE_NAME,
  SESSION_COOKIE_NAME,
  blankSessionCookie,
  cookieSecurity,
  isSessionTokenShaped,
  readSessionToken,
  sessionCookie,
  sessionCookieName,
} from './cookies.ts';
export type { CookieSecurity } from './cookies.ts';
export { SESSIONS_COLLECTION, createMongoSessionAdapter, sessionHandle, sessionModel } from './session-store.ts';
export type { FindSessionUser, SessionAttributes, SessionRecord, SessionUser } from './session-store.ts';
export {
  DEFAULT_ABSOLUTE_LIFETIME_MS,
  DEFAULT_IDLE_LIFETIME_MS,
  createSessionManager,
  identityForSession,
  isRecentlyAuthenticated,
  requireRecentAuthentication,
} from './sessions.ts';
export type { SessionInfo, SessionManager, SessionManagerOptions, ValidatedSession } from './sessions.ts';
export {
  TOKENS_COLLECTION,
  TOKEN_LIFETIMES_MS,
  TOKEN_PURPOSES,
  consumeToken,
  issueToken,
  peekToken,
  revokeUserTokens,
  tokenModel,
} from './tokens.ts';
export type { ConsumeResult, IssuedToken, TokenPurpose, TokenRecord } from './tokens.ts';
export { RATE_LIMITS_COLLECTION, backoffDelayMs, createRateLimiter, rateLimitModel } from './rate-limit.ts';
export type { RateDecision, RateLimitRecord, RateLimiter } from './rate-limit.ts';
export {
  LOGIN_ACCOUNT_POLICY,
  LOGIN_IP_POLICY,
  RESET_ACCOUNT_POLICY,
  RESET_IP_POLICY,
  accountLimitKey,
  ipBucket,
  ipLimitKey,
  loginLimitKeys,
  resetLimitKeys,
  SIGNUP_IP_POLICY,
  signUpLimitKeys,
} from './rate-limit-keys.ts';
export type { LimitKey, LimitPolicy } from './rate-limit-keys.ts';
export { EARLIEST_BIRTH_YEAR, MINIMUM_AGE, dateOfBirthSchema, formatCalendarDate, isAdult, parseDateOfBirth, utcCalendarDate } from './age.ts';
export type { CalendarDate } from './age.ts';
export { normalizeEmail, pseudonym, sha256Hex } from './hash.ts';
export { ensureAuthIndexes } from './indexes.ts';
export { signIn, reauthenticate } from './flows/sign-in.ts';
export { changePassword, requestPasswordReset, resetPassword } from './flows/passwords.ts';
export type { ResetMailer } from './flows/passwords.ts';
export type { AccountRecord, AccountStore, AuthDeps } from './flows/types.ts';
export { resendVerification, signUp, verifyEmail } from './flows/sign-up.ts';
export type { SignUpMailer } from './flows/sign-up.ts';
export type { NewAccount } from './flows/types.ts';
export { eraseUserAuthData } from './erasure.ts';
