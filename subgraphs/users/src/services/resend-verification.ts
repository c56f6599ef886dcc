import { normalizeEmail, resendVerification as resendFlow, signUpLimitKeys } from '@leadgraph/auth';
import { z } from 'zod';
import type { Accounts } from '../context.ts';
import type { UserModel, UserRecord } from '../models/user.ts';
import { LIMITS, parseInput } from './input.ts';
import { toAccount } from '../auth/account-store.ts';

export const resendVerificationInput = z.object({ email: z.string().max(LIMITS.email), ip: z.string() });

/**
 * Mails a new confirmation link (superseding the old one) when the address belongs to an
 * unconfirmed, open account. Counted against the sign-up limit of the caller's address; when
 * over it, or for any other address, nothing is sent and the answer is the same.
 */
export async function resendVerification(accounts: Accounts, User: UserModel, input: z.input<typeof resendVerificationInput>): Promise<void> {
  const { email, ip } = parseInput(resendVerificationInput, input);
  const { pepper } = accounts.auth;
  const decision = await accounts.auth.limiter.attempt(signUpLimitKeys({ ip, ...(pepper === undefined ? {} : { pepper }) }));
  if (!decision.allowed) return;
  const user = await User.findOne({ email: normalizeEmail(email) }).lean<UserRecord>();
  if (user === null || user.emailVerifiedAt != null || user.disabledAt != null) return;
  await resendFlow(accounts.auth, accounts.mailer.signUp, toAccount(user));
}
