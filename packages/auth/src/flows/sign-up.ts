import { parseDateOfBirth, isAdult, formatCalendarDate } from '../age.ts';
import { AuthError, AuthErrorCode } from '../errors.ts';
import { normalizeEmail } from '../hash.ts';
import { assertPasswordPolicy } from '../password-policy.ts';
import { hashPassword, PRODUCTION_ARGON2 } from '../passwords.ts';
import { signUpLimitKeys } from '../rate-limit-keys.ts';
import { consumeToken, issueToken } from '../tokens.ts';
import type { AccountRecord, AuthDeps } from './types.ts';

/** How sign-up sends mail; the users subgraph enqueues into the outbox. */
export interface SignUpMailer {
  /** Mail the address-confirmation link carrying `token`. */
  sendVerification(account: { id: string; email: string; name: string }, token: string, expiresAt: Date): Promise<void>;
  /** Someone tried to sign up with the address of an existing account: tell its owner (e.g. "sign in or reset"). */
  sendAlreadyRegistered(account: AccountRecord): Promise<void>;
}

/** One plain address: no display name, no spaces, one `@`, a dot in the domain; at most 254 characters. */
const EMAIL = /^[^\s@,;<>"]+@[^\s@,;<>".]+(\.[^\s@,;<>".]+)+$/;

/**
 * Public sign-up. Input problems are answered precisely (INVALID_EMAIL, WEAK_PASSWORD,
 * INVALID_DATE_OF_BIRTH, UNDERAGE): they say nothing about other accounts. An under-18 date of
 * birth stores nothing at all. Whether the address is new or already registered, the call
 * resolves the same way and one mail goes out (confirmation for a new account, a notice to
 * the existing owner), so sign-up cannot be used to find accounts. For the same reason it
 * does not sign in: the user confirms the address, then signs in.
 */
export async function signUp(
  deps: AuthDeps,
  mailer: SignUpMailer,
  input: { email: string; password: string; name: string; dateOfBirth: string; role: 'client' | 'pro'; ip: string; now?: Date },
): Promise<void> {
  const now = input.now ?? new Date();
  const decision = await deps.limiter.attempt(signUpLimitKeys({ ip: input.ip, ...(deps.pepper === undefined ? {} : { pepper: deps.pepper }) }), now);
  if (!decision.allowed) throw new AuthError(AuthErrorCode.RateLimited, { retryAfterSeconds: decision.retryAfterSeconds });

  const email = normalizeEmail(input.email);
  if (email.length > 254 || !EMAIL.test(email)) throw new AuthError(AuthErrorCode.InvalidEmail);
  const dateOfBirth = parseDateOfBirth(input.dateOfBirth, now);
  if (dateOfBirth === null) throw new AuthError(AuthErrorCode.InvalidDateOfBirth);
  if (!isAdult(dateOfBirth, now)) throw new AuthError(AuthErrorCode.Underage);
  const name = input.name.trim();
  assertPasswordPolicy(input.password, { email, name });
  if (input.role !== 'client' && input.role !== 'pro') throw new TypeError('signUp: role must be client or pro');

  const passwordHash = await hashPassword(input.password, deps.argon2 ?? PRODUCTION_ARGON2);
  const id = await deps.accounts.create({ email, name, role: input.role, passwordHash, dateOfBirth: formatCalendarDate(dateOfBirth) });
  if (id === null) {
    const existing = await deps.accounts.findByEmail(email);
    if (existing !== null && existing.disabled !== true) await mailer.sendAlreadyRegistered(existing);
    return;
  }
  const issued = await issueToken(deps.db, { userId: id, purpose: 'verify-email', now, ...(deps.logger && { logger: deps.logger }) });
  await mailer.sendVerification({ id, email, name }, issued.token, issued.expiresAt);
  deps.logger?.info({ event: 'sign-up.created', userId: id }, 'account created');
}

/** Confirms an address from the link: the token is used once; TOKEN_INVALID for any failure. */
export async function verifyEmail(deps: AuthDeps, input: { token: string }): Promise<{ userId: string }> {
  const consumed = await consumeToken(deps.db, { token: input.token, purpose: 'verify-email', ...(deps.logger && { logger: deps.logger }) });
  if (!consumed.ok) throw new AuthError(AuthErrorCode.TokenInvalid);
  await deps.accounts.markEmailVerified(consumed.userId);
  return { userId: consumed.userId };
}

/** Sends a new confirmation link (superseding the previous one) to an account not yet verified. */
export async function resendVerification(deps: AuthDeps, mailer: SignUpMailer, account: AccountRecord): Promise<void> {
  const issued = await issueToken(deps.db, { userId: account.id, purpose: 'verify-email', ...(deps.logger && { logger: deps.logger }) });
  await mailer.sendVerification({ id: account.id, email: account.email, name: account.name ?? '' }, issued.token, issued.expiresAt);
}
