import type { Accounts } from '../context.ts';
import type { Caller } from './input.ts';

/** Ends the caller's own session (by its handle). True even when it had already ended. */
export async function signOut(accounts: Accounts, caller: Caller): Promise<void> {
  if (caller.userId === null || caller.sessionId === null) return;
  await accounts.auth.sessions.revokeSession(caller.userId, caller.sessionId);
}
