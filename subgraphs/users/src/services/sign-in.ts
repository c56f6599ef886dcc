import { signIn as signInFlow, type SessionInfo } from '@leadgraph/auth';
import { z } from 'zod';
import type { Accounts } from '../context.ts';
import { UsersError, UsersErrorCode } from '../errors.ts';
import type { UserModel, UserRecord } from '../models/user.ts';
import { LIMITS, parseInput } from './input.ts';

export const signInInput = z.object({ email: z.string().max(LIMITS.email), password: z.string().max(LIMITS.password), ip: z.string() });

/**
 * Signs in (the `@leadgraph/auth` flow: limits per account and per address, one argon2
 * verification whatever happens, INVALID_CREDENTIALS for unknown, wrong and disabled alike),
 * then requires a confirmed address: with the right password but an unconfirmed address the
 * new session is ended at once and the answer is `EMAIL_NOT_VERIFIED` (only someone holding
 * the password learns it). Returns the token for the gateway's cookie, never for a client.
 */
export async function signIn(
  accounts: Accounts,
  User: UserModel,
  input: z.input<typeof signInInput>,
): Promise<{ user: UserRecord; token: string; session: SessionInfo }> {
  const { email, password, ip } = parseInput(signInInput, input);
  const { token, session } = await signInFlow(accounts.auth, { email, password, ip });
  const user = await User.findById(session.userId).lean<UserRecord>();
  if (user === null || user.emailVerifiedAt == null) {
    await accounts.auth.sessions.invalidateSession(token);
    throw new UsersError(UsersErrorCode.EmailNotVerified, 'Confirm your email address first: use the link we sent you.');
  }
  return { user, token, session };
}
