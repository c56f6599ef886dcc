import { eraseUserAuthData, requireRecentAuthentication } from '@leadgraph/auth';
import { z } from 'zod';
import { checkCurrentPassword, requireUserId } from '../auth/current-password.ts';
import type { Accounts } from '../context.ts';
import { accountDeletionModel } from '../models/account-deletion.ts';
import type { UserModel } from '../models/user.ts';
import { LIMITS, parseInput, type Caller } from './input.ts';

export const deleteMyAccountInput = z.object({ password: z.string().max(LIMITS.password) });

/**
 * Closes the caller's account: needs a recent sign-in (`REAUTH_REQUIRED`) and the password.
 * The account is disabled at once (`disabledAt`: no sign-in, the gateway treats its sessions
 * as ended), every session and one-time token is erased (`eraseUserAuthData`), and a pending
 * deletion request is recorded in `account_deletions` for the privacy service, which erases
 * the rest across subgraphs per the `@personal` declarations.
 */
export async function deleteMyAccount(accounts: Accounts, User: UserModel, caller: Caller, input: z.input<typeof deleteMyAccountInput>): Promise<void> {
  const userId = requireUserId(caller.userId);
  const { password } = parseInput(deleteMyAccountInput, input);
  requireRecentAuthentication(caller.authenticatedAt, accounts.recentAuthMinutes);
  await checkCurrentPassword(accounts.auth, { userId, password, ip: caller.ip });
  const requestedAt = new Date();
  await User.updateOne({ _id: userId, disabledAt: null }, { $set: { disabledAt: requestedAt } });
  await eraseUserAuthData(accounts.auth.db, userId);
  await accountDeletionModel(accounts.auth.db).updateOne(
    { userId },
    { $setOnInsert: { userId, requestedAt, status: 'pending' } },
    { upsert: true },
  );
  accounts.auth.logger?.info({ event: 'account.deleted', userId }, 'account closed; erasure requested');
}
