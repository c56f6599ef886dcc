import { AuthError, AuthErrorCode, loginLimitKeys, PRODUCTION_ARGON2, verifyPassword, type AccountRecord, type AuthDeps } from '@leadgraph/auth';

/**
 * The signed-in caller's account after checking their password again, rate-limited like a
 * sign-in (same keys, so guesses here and at sign-in share one budget). A missing or closed
 * account is UNAUTHENTICATED (its session should not exist); a wrong password INVALID_CREDENTIALS.
 */
export async function checkCurrentPassword(auth: AuthDeps, input: { userId: string; password: string; ip: string }): Promise<AccountRecord> {
  const account = await auth.accounts.findById(input.userId);
  if (account === null || account.disabled === true) throw new AuthError(AuthErrorCode.Unauthenticated);
  const keys = loginLimitKeys({ email: account.email, ip: input.ip, ...(auth.pepper === undefined ? {} : { pepper: auth.pepper }) });
  const decision = await auth.limiter.attempt(keys);
  if (!decision.allowed) throw new AuthError(AuthErrorCode.RateLimited, { retryAfterSeconds: decision.retryAfterSeconds });
  if (!(await verifyPassword(account.passwordHash, input.password, auth.argon2 ?? PRODUCTION_ARGON2))) {
    throw new AuthError(AuthErrorCode.InvalidCredentials);
  }
  await auth.limiter.succeeded(keys);
  return account;
}

/** The caller's user id, or UNAUTHENTICATED (the `@access` rule already refuses anonymous callers). */
export function requireUserId(userId: string | null): string {
  if (userId === null) throw new AuthError(AuthErrorCode.Unauthenticated);
  return userId;
}
