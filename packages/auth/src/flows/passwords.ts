import { AuthError, AuthErrorCode } from '../errors.ts';
import { normalizeEmail } from '../hash.ts';
import { assertPasswordPolicy } from '../password-policy.ts';
import { hashPassword, PRODUCTION_ARGON2, verifyPassword } from '../passwords.ts';
import { loginLimitKeys, resetLimitKeys } from '../rate-limit-keys.ts';
import { consumeToken, issueToken, peekToken, revokeUserTokens } from '../tokens.ts';
import type { AccountRecord, AuthDeps } from './types.ts';

/** How the flows send mail; the users subgraph enqueues into the outbox (`@leadgraph/mail`). */
export interface ResetMailer {
  /** Mail the reset link carrying `token` to the account's address. */
  sendResetLink(account: AccountRecord, token: string, expiresAt: Date): Promise<void>;
  /** Someone asked for a reset for an address without an account (optional; it evens out the work done). */
  sendNoAccountNotice?(email: string): Promise<void>;
}

/**
 * "Forgot password". Counts the request per address and per email before anything else; then
 * the answer is the same (resolves, nothing returned) whether or not the address has an
 * account, so it cannot be used to find accounts. An existing account gets a fresh one-hour
 * token, which supersedes older ones.
 */
export async function requestPasswordReset(deps: AuthDeps, mailer: ResetMailer, input: { email: string; ip: string }): Promise<void> {
  const keys = resetLimitKeys({ email: input.email, ip: input.ip, ...(deps.pepper === undefined ? {} : { pepper: deps.pepper }) });
  const decision = await deps.limiter.attempt(keys);
  if (!decision.allowed) throw new AuthError(AuthErrorCode.RateLimited, { retryAfterSeconds: decision.retryAfterSeconds });
  const email = normalizeEmail(input.email);
  const account = await deps.accounts.findByEmail(email);
  if (account === null) {
    await mailer.sendNoAccountNotice?.(email);
    return;
  }
  if (account.disabled === true) return;
  const issued = await issueToken(deps.db, { userId: account.id, purpose: 'reset-password', ...(deps.logger && { logger: deps.logger }) });
  await mailer.sendResetLink(account, issued.token, issued.expiresAt);
}

/**
 * Completes a reset. The new password is checked against the policy (with the account's
 * email and name) before the token is used, so a refused password does not burn the link;
 * then the token is consumed atomically, the hash stored, and every session of the user ended
 * (whoever held the old password is out) along with the user's other unused reset tokens.
 */
export async function resetPassword(deps: AuthDeps, input: { token: string; newPassword: string }): Promise<{ userId: string }> {
  const peeked = await peekToken(deps.db, { token: input.token, purpose: 'reset-password' });
  const account = peeked === null ? null : await deps.accounts.findById(peeked.userId);
  if (account === null || account.disabled === true) throw new AuthError(AuthErrorCode.TokenInvalid);
  assertPasswordPolicy(input.newPassword, { email: account.email, ...(account.name === undefined ? {} : { name: account.name }) });
  const consumed = await consumeToken(deps.db, { token: input.token, purpose: 'reset-password', ...(deps.logger && { logger: deps.logger }) });
  if (!consumed.ok || consumed.userId !== account.id) throw new AuthError(AuthErrorCode.TokenInvalid);
  await deps.accounts.setPasswordHash(account.id, await hashPassword(input.newPassword, deps.argon2 ?? PRODUCTION_ARGON2));
  await deps.sessions.invalidateUserSessions(account.id);
  await revokeUserTokens(deps.db, account.id, 'reset-password');
  return { userId: account.id };
}

/**
 * Change password while signed in: the current password must be right (rate-limited like a
 * sign-in), the new one must pass the policy; then every other session ends and the current
 * one counts as freshly authenticated.
 */
export async function changePassword(
  deps: AuthDeps,
  input: { userId: string; token: string; currentPassword: string; newPassword: string; ip: string },
): Promise<{ endedSessions: number }> {
  const account = await deps.accounts.findById(input.userId);
  if (account === null || account.disabled === true) throw new AuthError(AuthErrorCode.Unauthenticated);
  const keys = loginLimitKeys({ email: account.email, ip: input.ip, ...(deps.pepper === undefined ? {} : { pepper: deps.pepper }) });
  const decision = await deps.limiter.attempt(keys);
  if (!decision.allowed) throw new AuthError(AuthErrorCode.RateLimited, { retryAfterSeconds: decision.retryAfterSeconds });
  const params = deps.argon2 ?? PRODUCTION_ARGON2;
  if (!(await verifyPassword(account.passwordHash, input.currentPassword, params))) throw new AuthError(AuthErrorCode.InvalidCredentials);
  await deps.limiter.succeeded(keys);
  assertPasswordPolicy(input.newPassword, { email: account.email, ...(account.name === undefined ? {} : { name: account.name }) });
  await deps.accounts.setPasswordHash(account.id, await hashPassword(input.newPassword, params));
  const endedSessions = await deps.sessions.invalidateUserSessions(account.id, { except: input.token });
  await deps.sessions.markAuthenticated(input.token);
  return { endedSessions };
}
