import { AuthError, AuthErrorCode, issueToken, normalizeEmail, requireRecentAuthentication } from '@leadgraph/auth';
import { z } from 'zod';
import { checkCurrentPassword, requireUserId } from '../auth/current-password.ts';
import type { Accounts } from '../context.ts';
import type { UserModel } from '../models/user.ts';
import { LIMITS, parseInput, type Caller } from './input.ts';

export const requestEmailChangeInput = z.object({ newEmail: z.string().max(LIMITS.email), password: z.string().max(LIMITS.password) });

/** One plain address, as sign-up accepts it. */
const EMAIL = /^[^\s@,;<>"]+@[^\s@,;<>".]+(\.[^\s@,;<>".]+)+$/;

/**
 * Starts an address change: needs a recent sign-in (`REAUTH_REQUIRED`) and the password; the
 * new address is kept as pending and a `change-email` token (24 h) is mailed to it. An address
 * that already has an account gets no mail, with the same answer (no enumeration); the
 * current address stays until `confirmEmailChange`.
 */
export async function requestEmailChange(accounts: Accounts, User: UserModel, caller: Caller, input: z.input<typeof requestEmailChangeInput>): Promise<void> {
  const userId = requireUserId(caller.userId);
  const { newEmail, password } = parseInput(requestEmailChangeInput, input);
  requireRecentAuthentication(caller.authenticatedAt, accounts.recentAuthMinutes);
  const email = normalizeEmail(newEmail);
  if (email.length > 254 || !EMAIL.test(email)) throw new AuthError(AuthErrorCode.InvalidEmail);
  const account = await checkCurrentPassword(accounts.auth, { userId, password, ip: caller.ip });
  if (email === account.email || (await User.exists({ email })) !== null) return;
  await User.updateOne({ _id: userId }, { $set: { pendingEmail: email } });
  const { logger } = accounts.auth;
  const issued = await issueToken(accounts.auth.db, { userId, purpose: 'change-email', ...(logger && { logger }) });
  await accounts.mailer.sendEmailChange({ id: userId, name: account.name ?? '' }, email, issued.token);
}
