import { requestPasswordReset as requestResetFlow } from '@leadgraph/auth';
import { z } from 'zod';
import type { Accounts } from '../context.ts';
import { LIMITS, parseInput } from './input.ts';

export const requestPasswordResetInput = z.object({ email: z.string().max(LIMITS.email), ip: z.string() });

/**
 * "Forgot password": counted per typed address and per caller address first (`RATE_LIMITED`
 * past the limit, whether or not the address has an account), then a one-hour reset link is
 * mailed if there is an open account. The caller gets the same answer either way.
 */
export async function requestPasswordReset(accounts: Accounts, input: z.input<typeof requestPasswordResetInput>): Promise<void> {
  const { email, ip } = parseInput(requestPasswordResetInput, input);
  await requestResetFlow(accounts.auth, accounts.mailer.reset, { email, ip });
}
