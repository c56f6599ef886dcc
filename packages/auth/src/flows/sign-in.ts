import { AuthError, AuthErrorCode } from '../errors.ts';
import { normalizeEmail } from '../hash.ts';
import { hashPassword, needsRehash, PRODUCTION_ARGON2, verifyPassword } from '../passwords.ts';
import { loginLimitKeys } from '../rate-limit-keys.ts';
import type { SessionInfo } from '../sessions.ts';
import type { AuthDeps } from './types.ts';

/**
 * Sign-in. Order matters and is fixed here: count the attempt (per account and per address)
 * before any lookup; always spend one argon2 verification (a dummy one for an unknown
 * account); answer unknown email, wrong password and disabled account with the same
 * INVALID_CREDENTIALS; only then clear the account's count, upgrade an old hash, and create a
 * new session (never reuse a token the client sent). Pass `previousToken` (the cookie the
 * client came with, if any) to end that session.
 */
export async function signIn(
  deps: AuthDeps,
  input: { email: string; password: string; ip: string; previousToken?: string | null },
): Promise<{ token: string; session: SessionInfo }> {
  const keys = loginLimitKeys({ email: input.email, ip: input.ip, ...(deps.pepper === undefined ? {} : { pepper: deps.pepper }) });
  const decision = await deps.limiter.attempt(keys);
  if (!decision.allowed) throw new AuthError(AuthErrorCode.RateLimited, { retryAfterSeconds: decision.retryAfterSeconds });

  const params = deps.argon2 ?? PRODUCTION_ARGON2;
  const account = await deps.accounts.findByEmail(normalizeEmail(input.email));
  const matches = await verifyPassword(account?.passwordHash, input.password, params);
  if (account === null || !matches || account.disabled === true) {
    deps.logger?.info({ event: 'sign-in.failed' }, 'sign-in refused');
    throw new AuthError(AuthErrorCode.InvalidCredentials);
  }

  await deps.limiter.succeeded(keys);
  if (account.passwordHash !== null && needsRehash(account.passwordHash, params)) {
    await deps.accounts.setPasswordHash(account.id, await hashPassword(input.password, params));
  }
  if (input.previousToken) await deps.sessions.invalidateSession(input.previousToken);
  const created = await deps.sessions.createSession(account.id, { role: account.role });
  deps.logger?.info({ event: 'sign-in.succeeded', userId: account.id }, 'signed in');
  return created;
}

/**
 * Re-authentication for a sensitive action: the current password again, rate-limited like a
 * sign-in, then `authenticatedAt` of the current session is moved to now.
 */
export async function reauthenticate(
  deps: AuthDeps,
  input: { userId: string; token: string; password: string; ip: string },
): Promise<void> {
  const account = await deps.accounts.findById(input.userId);
  const keys = loginLimitKeys({ email: account?.email ?? input.userId, ip: input.ip, ...(deps.pepper === undefined ? {} : { pepper: deps.pepper }) });
  const decision = await deps.limiter.attempt(keys);
  if (!decision.allowed) throw new AuthError(AuthErrorCode.RateLimited, { retryAfterSeconds: decision.retryAfterSeconds });
  const matches = await verifyPassword(account?.passwordHash, input.password, deps.argon2 ?? PRODUCTION_ARGON2);
  if (account === null || !matches || account.disabled === true) throw new AuthError(AuthErrorCode.InvalidCredentials);
  await deps.limiter.succeeded(keys);
  await deps.sessions.markAuthenticated(input.token);
}
