import { z } from 'zod';
import { parseObjectId } from '@leadgraph/db';
import { UsersError, UsersErrorCode } from '../errors.ts';
import type { UserModel } from '../models/user.ts';
import { parseInput } from '../services/input.ts';
import type { ApiKeyModel, ApiKeyRecord } from './model.ts';
import { API_KEY_SCOPES } from './scopes.ts';
import { displayPrefix, hashApiKeySecret, newApiKeySecret } from './secret.ts';

/** Keys last at most this long: an integration is re-keyed at least every two years. */
const MAX_LIFETIME_MS = 2 * 366 * 24 * 60 * 60 * 1000;

export const createApiKeyInput = z.object({
  ownerId: z.string().refine((id) => parseObjectId(id) !== null, 'not an id'),
  name: z.string().trim().min(1).max(100),
  scopes: z.array(z.enum(API_KEY_SCOPES)).max(API_KEY_SCOPES.length * 2),
  expiresAt: z.date().nullable().optional(),
});

export interface CreatedApiKey {
  apiKey: ApiKeyRecord;
  /** The only time the secret exists outside the caller's hands. */
  secret: string;
}

/**
 * An admin creates a key acting as a client or pro account. Refused (`BAD_USER_INPUT`, nothing
 * stored): an unknown, closed or admin owner (a leaked key must never carry admin powers), an
 * expiry in the past or more than two years ahead.
 */
export async function createApiKey(
  models: { User: UserModel; ApiKey: ApiKeyModel },
  adminId: string,
  input: unknown,
  now: Date = new Date(),
): Promise<CreatedApiKey> {
  const { ownerId, name, scopes, expiresAt } = parseInput(createApiKeyInput, input);
  if (expiresAt != null && (expiresAt <= now || expiresAt.getTime() - now.getTime() > MAX_LIFETIME_MS)) {
    throw new UsersError(UsersErrorCode.InvalidInput, 'expiresAt must be in the future and at most two years ahead');
  }
  const owner = await models.User.findById(ownerId, { role: 1, disabledAt: 1 }).lean();
  if (owner === null || owner.disabledAt != null) throw new UsersError(UsersErrorCode.InvalidInput, 'ownerId: no active account has this id');
  if (owner.role === 'admin') throw new UsersError(UsersErrorCode.InvalidInput, 'ownerId: API keys act as a client or pro account, never an admin');
  const createdBy = parseObjectId(adminId);
  if (createdBy === null) throw new UsersError(UsersErrorCode.InvalidId, 'Invalid admin id');
  const secret = newApiKeySecret();
  const created = await models.ApiKey.create({
    secretHash: hashApiKeySecret(secret),
    prefix: displayPrefix(secret),
    ownerId: owner._id,
    name,
    scopes: [...new Set(scopes)].sort(),
    createdBy,
    expiresAt: expiresAt ?? null,
  });
  return { apiKey: created.toObject() as ApiKeyRecord, secret };
}
