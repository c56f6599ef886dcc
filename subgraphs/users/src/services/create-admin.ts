import { AuthError, AuthErrorCode, assertPasswordPolicy, hashPassword, normalizeEmail, PRODUCTION_ARGON2, type Argon2Params } from '@leadgraph/auth';
import { z } from 'zod';
import { isDuplicateKey } from '../auth/account-store.ts';
import type { UserModel } from '../models/user.ts';
import { LIMITS, parseInput } from './input.ts';

export const createAdminInput = z.object({
  email: z.string().max(LIMITS.email),
  name: z.string().trim().min(1).max(LIMITS.name),
  password: z.string().max(LIMITS.password),
});

/** One plain address, as sign-up accepts it. */
const EMAIL = /^[^\s@,;<>"]+@[^\s@,;<>".]+(\.[^\s@,;<>".]+)+$/;

/**
 * Creates an admin: only from the command line (`pnpm admin:create`), never through the API.
 * The address counts as confirmed (the operator vouches for it); the password must pass the
 * same policy as everyone's. `EMAIL_TAKEN` when the address has an account.
 */
export async function createAdmin(User: UserModel, input: z.input<typeof createAdminInput>, argon2: Argon2Params = PRODUCTION_ARGON2): Promise<{ id: string }> {
  const parsed = parseInput(createAdminInput, input);
  const email = normalizeEmail(parsed.email);
  if (email.length > 254 || !EMAIL.test(email)) throw new AuthError(AuthErrorCode.InvalidEmail);
  assertPasswordPolicy(parsed.password, { email, name: parsed.name });
  const passwordHash = await hashPassword(parsed.password, argon2);
  try {
    const created = await User.create({ email, name: parsed.name, role: 'admin', passwordHash, emailVerifiedAt: new Date() });
    return { id: created._id.toHexString() };
  } catch (error) {
    if (isDuplicateKey(error)) throw new AuthError(AuthErrorCode.EmailTaken);
    throw error;
  }
}
