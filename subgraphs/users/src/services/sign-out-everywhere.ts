import type { Accounts } from '../context.ts';
import type { Caller } from './input.ts';

/** Ends every session of the caller, the current one included. */
export async function signOutEverywhere(accounts: Accounts, caller: Caller): Promise<number> {
  if (caller.userId === null) return 0;
  return accounts.auth.sessions.invalidateUserSessions(caller.userId);
}
