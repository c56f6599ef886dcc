import { AuthError, AuthErrorCode, signUp as signUpFlow } from '@leadgraph/auth';
import { z } from 'zod';
import { createAccountStore } from '../auth/account-store.ts';
import type { Accounts } from '../context.ts';
import type { UserModel } from '../models/user.ts';
import { LIMITS, parseInput } from './input.ts';

/** Shapes only: the flow answers email, password and date problems with their own codes. */
export const signUpInput = z.object({
  name: z.string().trim().min(1).max(LIMITS.name),
  email: z.string().max(LIMITS.email),
  password: z.string().max(LIMITS.password),
  role: z.enum(['client', 'pro']),
  companyName: z
    .string()
    .trim()
    .max(LIMITS.name)
    .nullish()
    .transform((v) => (v ? v : null)),
  dateOfBirth: z.string().max(32),
  ip: z.string(),
});

/**
 * Creates an unconfirmed client or pro account and enqueues the welcome-verify mail (the
 * `@leadgraph/auth` flow: limits, checks, hash, store, token, mail, in that order). An
 * address already registered, in any letter case, is `EMAIL_TAKEN` and nothing is written
 * (the team's contract; the sign-up limit per address bounds what it reveals). Under 18:
 * `UNDERAGE`, nothing stored.
 */
export async function signUp(accounts: Accounts, User: UserModel, input: z.input<typeof signUpInput>): Promise<void> {
  const { ip, companyName, ...rest } = parseInput(signUpInput, input);
  const store = createAccountStore(User, { companyName });
  const refuseDuplicate = {
    ...store,
    async create(account: Parameters<typeof store.create>[0]) {
      const id = await store.create(account);
      if (id === null) throw new AuthError(AuthErrorCode.EmailTaken);
      return id;
    },
  };
  await signUpFlow({ ...accounts.auth, accounts: refuseDuplicate }, accounts.mailer.signUp, { ...rest, ip });
}
