import { verifyEmail as verifyEmailFlow } from '@leadgraph/auth';
import { z } from 'zod';
import type { Accounts } from '../context.ts';
import { LIMITS, parseInput } from './input.ts';

export const verifyEmailInput = z.object({ token: z.string().max(LIMITS.token) });

/** Confirms the address of the account the token was mailed for; `TOKEN_INVALID` for any unusable token. */
export async function verifyEmail(accounts: Accounts, input: z.input<typeof verifyEmailInput>): Promise<void> {
  const { token } = parseInput(verifyEmailInput, input);
  await verifyEmailFlow(accounts.auth, { token });
}
