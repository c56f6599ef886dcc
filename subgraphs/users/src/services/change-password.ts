import { assertPasswordPolicy, hashPassword, PRODUCTION_ARGON2, sessionModel } from '@leadgraph/auth';
import { z } from 'zod';
import { checkCurrentPassword, requireUserId } from '../auth/current-password.ts';
import type { Accounts } from '../context.ts';
import { LIMITS, parseInput, type Caller } from './input.ts';

export const changePasswordInput = z.object({ currentPassword: z.string().max(LIMITS.password), newPassword: z.string().max(LIMITS.password) });

/**
 * Changes the caller's password: the current one must be right (rate-limited like a
 * sign-in), the new one must pass the policy; every other session ends and this one counts as
 * freshly authenticated.
 *
 * Not `@leadgraph/auth`'s `changePassword` flow: it identifies the current session by its
 * token, and a subgraph only ever has the session's handle (the identity's `sessionId`). The
 * same steps, keyed by the handle, on the same `sessions` collection.
 */
export async function changePassword(accounts: Accounts, caller: Caller, input: z.input<typeof changePasswordInput>): Promise<{ endedSessions: number }> {
  const userId = requireUserId(caller.userId);
  const { currentPassword, newPassword } = parseInput(changePasswordInput, input);
  const { auth } = accounts;
  const account = await checkCurrentPassword(auth, { userId, password: currentPassword, ip: caller.ip });
  assertPasswordPolicy(newPassword, { email: account.email, ...(account.name === undefined ? {} : { name: account.name }) });
  await auth.accounts.setPasswordHash(userId, await hashPassword(newPassword, auth.argon2 ?? PRODUCTION_ARGON2));
  const sessions = sessionModel(auth.db);
  const others = caller.sessionId === null ? { userId } : { userId, _id: { $ne: caller.sessionId } };
  const { deletedCount } = await sessions.deleteMany(others);
  if (caller.sessionId !== null) await sessions.updateOne({ _id: caller.sessionId, userId }, { $set: { authenticatedAt: new Date() } });
  auth.logger?.info({ event: 'password.changed', userId, endedSessions: deletedCount }, 'password changed');
  return { endedSessions: deletedCount };
}
