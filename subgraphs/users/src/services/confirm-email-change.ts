import { AuthError, AuthErrorCode, consumeToken } from '@leadgraph/auth';
import { z } from 'zod';
import { isDuplicateKey } from '../auth/account-store.ts';
import type { Accounts } from '../context.ts';
import type { UserModel, UserRecord } from '../models/user.ts';
import { LIMITS, parseInput } from './input.ts';

export const confirmEmailChangeInput = z.object({ token: z.string().max(LIMITS.token) });

/**
 * Completes an address change with the token mailed to the new address (used once): the
 * pending address becomes the account's, confirmed. `TOKEN_INVALID` for any unusable token or
 * a closed account; `EMAIL_TAKEN` if another account took the address in the meantime.
 */
export async function confirmEmailChange(accounts: Accounts, User: UserModel, input: z.input<typeof confirmEmailChangeInput>): Promise<{ userId: string }> {
  const { token } = parseInput(confirmEmailChangeInput, input);
  const { logger } = accounts.auth;
  const consumed = await consumeToken(accounts.auth.db, { token, purpose: 'change-email', ...(logger && { logger }) });
  if (!consumed.ok) throw new AuthError(AuthErrorCode.TokenInvalid);
  const user = await User.findById(consumed.userId).lean<UserRecord>();
  if (user === null || user.disabledAt != null || user.pendingEmail == null) throw new AuthError(AuthErrorCode.TokenInvalid);
  try {
    await User.updateOne({ _id: user._id }, { $set: { email: user.pendingEmail, emailVerifiedAt: new Date(), pendingEmail: null } });
  } catch (error) {
    if (isDuplicateKey(error)) throw new AuthError(AuthErrorCode.EmailTaken);
    throw error;
  }
  logger?.info({ event: 'email.changed', userId: consumed.userId }, 'email address changed');
  return { userId: consumed.userId };
}
