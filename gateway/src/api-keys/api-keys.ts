import { createHash } from 'node:crypto';
import { parseObjectId, type connectDatabase } from '@leadgraph/db';
import { ROLES, type Identity, type Role } from '@leadgraph/identity';
import type { Logger } from '@leadgraph/logging';
import { apiKeyRateLimited, invalidApiKey } from './errors.ts';
import { createApiKeyRateLimiter, type ApiKeyRateLimit } from './rate-limit.ts';

type Connection = Awaited<ReturnType<typeof connectDatabase>>;

/** The users subgraph's collection of keys (`subgraphs/users/src/api-keys/model.ts`). */
export const API_KEYS_COLLECTION = 'api_keys';

/** Scopes a key may carry; anything else stored is ignored, never signed. */
const KNOWN_SCOPES: ReadonlySet<string> = new Set(['personal:read', 'statistics:read']);

/** `lastUsedAt` is written at most this often per key: a read-mostly hot path stays read-mostly. */
const LAST_USED_EVERY_MS = 60_000;

/** Who an API key request is, for the identity and for the gateway's own checks. */
export interface ApiKeyCaller {
  kind: 'api-key';
  keyId: string;
  scopes: readonly string[];
}

export interface ResolvedApiKey {
  identity: Identity;
  caller: ApiKeyCaller;
}

interface StoredKey {
  _id: unknown;
  ownerId: unknown;
  scopes?: unknown;
  expiresAt?: Date | null;
  revokedAt?: Date | null;
  lastUsedAt?: Date | null;
}

export interface GatewayApiKeys {
  /**
   * The identity of a request carrying `secret`: the owner's id and current role, no session,
   * the key's scopes. Throws UNAUTHENTICATED (one message for every reason) or RATE_LIMITED.
   */
  resolve(secret: string, clientIp: string | null, now?: Date): Promise<ResolvedApiKey>;
}

/**
 * API keys as the gateway sees them: one indexed lookup by the secret's SHA-256 in the users
 * database per request (no cache, so a revocation applies to the next request), the owner's
 * role read like a session's, `lastUsedAt` refreshed at most once a minute without waiting,
 * and a per-key rate limit in memory.
 */
export function openGatewayApiKeys(options: { db: Connection; logger: Logger; rateLimit?: ApiKeyRateLimit }): GatewayApiKeys {
  const keys = options.db.collection<StoredKey>(API_KEYS_COLLECTION);
  const users = options.db.collection('users');
  const limiter = createApiKeyRateLimiter(options.rateLimit);
  const { logger } = options;

  async function ownerRole(ownerId: unknown): Promise<Role | null> {
    const id = typeof ownerId === 'string' ? (parseObjectId(ownerId) ?? ownerId) : ownerId;
    const user = await users.findOne({ _id: id as never }, { projection: { role: 1, disabledAt: 1 } });
    if (user === null || (user.disabledAt !== undefined && user.disabledAt !== null)) return null;
    // A key never acts as an admin, even if its owner became one after it was created.
    return ROLES.includes(user.role as Role) && user.role !== 'admin' ? (user.role as Role) : null;
  }

  function touch(key: StoredKey, now: Date): void {
    if (key.lastUsedAt instanceof Date && now.getTime() - key.lastUsedAt.getTime() < LAST_USED_EVERY_MS) return;
    const stale = new Date(now.getTime() - LAST_USED_EVERY_MS);
    keys
      .updateOne({ _id: key._id as never, $or: [{ lastUsedAt: null }, { lastUsedAt: { $lt: stale } }] }, { $set: { lastUsedAt: now } })
      .catch((error: unknown) => logger.warn({ errorName: (error as Error).name }, 'api key lastUsedAt update failed'));
  }

  return {
    async resolve(secret, clientIp, now = new Date()) {
      const secretHash = createHash('sha256').update(secret, 'utf8').digest('hex');
      const key = await keys.findOne({ secretHash });
      if (key === null || key.revokedAt != null || (key.expiresAt != null && key.expiresAt <= now)) throw invalidApiKey();
      const role = await ownerRole(key.ownerId);
      if (role === null) throw invalidApiKey();
      const keyId = String(key._id);
      const wait = limiter.take(keyId, now.getTime());
      if (wait > 0) {
        logger.warn({ event: 'api_key.rate_limited', keyId, retryAfterSeconds: wait }, 'api key rate limited');
        throw apiKeyRateLimited(wait);
      }
      touch(key, now);
      const scopes = (Array.isArray(key.scopes) ? key.scopes : []).filter((scope): scope is string => typeof scope === 'string' && KNOWN_SCOPES.has(scope));
      const identity: Identity = { userId: String(key.ownerId), role, sessionId: null, authenticatedAt: null, scopes, clientIp };
      return { identity, caller: { kind: 'api-key', keyId, scopes } };
    },
  };
}
