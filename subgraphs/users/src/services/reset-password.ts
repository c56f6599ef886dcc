import { resetPassword as resetPasswordFlow } from '@leadgraph/auth';
import { z } from 'zod';
import type { Accounts } from '../context.ts';
import { LIMITS, parseInput } from './input.ts';

export const resetPasswordInput = z.object({ token: z.string().max(LIMITS.token), newPassword: z.string().max(LIMITS.password) });

/**
 * Sets a new password with a reset token, once: policy first (a refused password keeps the
 * link usable), then the token is consumed atomically and every session of the account ends.
 */
export async function resetPassword(accounts: Accounts, input: z.input<typeof resetPasswordInput>): Promise<{ userId: string }> {
  const parsed = parseInput(resetPasswordInput, input);
  return resetPasswordFlow(accounts.auth, parsed);
}
