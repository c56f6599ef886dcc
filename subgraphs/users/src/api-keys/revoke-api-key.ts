import { parseObjectId } from '@leadgraph/db';
import { UsersError, UsersErrorCode } from '../errors.ts';
import type { ApiKeyModel, ApiKeyRecord } from './model.ts';

/**
 * Revokes a key at once: the gateway refuses it from the next request on (it reads the key on
 * every request, no cache). Revoking twice keeps the first time. Null for an unknown id.
 */
export async function revokeApiKey(ApiKey: ApiKeyModel, adminId: string, id: string, now: Date = new Date()): Promise<ApiKeyRecord | null> {
  const keyId = parseObjectId(id);
  if (keyId === null) throw new UsersError(UsersErrorCode.InvalidId, 'Invalid API key id');
  await ApiKey.updateOne({ _id: keyId, revokedAt: null }, { $set: { revokedAt: now, revokedBy: parseObjectId(adminId) } });
  return ApiKey.findById(keyId).lean<ApiKeyRecord>();
}
