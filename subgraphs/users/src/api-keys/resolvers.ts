import type { ApiKeyResolvers, MutationResolvers, QueryResolvers } from '../__generated__/resolvers-types.ts';
import type { Context } from '../context.ts';
import { apiKeyModel, type ApiKeyModel, type ApiKeyRecord } from './model.ts';
import { createApiKey } from './create-api-key.ts';
import { listApiKeys } from './list-api-keys.ts';
import { revokeApiKey } from './revoke-api-key.ts';
import { API_SCOPE_VALUES } from './scopes.ts';

/**
 * The API-key fields of the users subgraph, spread into `resolvers/index.ts`. Admins only
 * (`@access(rule: ROLE, roles: [ADMIN])` on every root field). The model lives on the users
 * connection, reached through the User model so the shared context needs no new member.
 */
const apiKeys = (ctx: Context): ApiKeyModel => apiKeyModel(ctx.models.User.db);

/** The admin acting: `@access` has already required an admin identity, so the id is present. */
const adminId = (ctx: Context): string => ctx.identity.userId ?? '';

export const apiKeyQueryResolvers: Pick<QueryResolvers, 'apiKeys'> = {
  apiKeys: (_parent, args, ctx) => listApiKeys(apiKeys(ctx), args),
};

export const apiKeyMutationResolvers: Pick<MutationResolvers, 'createApiKey' | 'revokeApiKey'> = {
  createApiKey: async (_parent, args, ctx) => {
    const created = await createApiKey({ User: ctx.models.User, ApiKey: apiKeys(ctx) }, adminId(ctx), args.input);
    // A security event: ids and scopes only, never the secret or its prefix.
    const { apiKey } = created;
    ctx.logger.info({ event: 'api_key.created', keyId: apiKey._id.toHexString(), ownerId: apiKey.ownerId.toHexString(), by: adminId(ctx), scopes: apiKey.scopes }, 'api key created');
    return created;
  },
  revokeApiKey: async (_parent, args, ctx) => {
    const revoked = await revokeApiKey(apiKeys(ctx), adminId(ctx), args.id);
    if (revoked !== null) ctx.logger.info({ event: 'api_key.revoked', keyId: revoked._id.toHexString(), by: adminId(ctx) }, 'api key revoked');
    return revoked;
  },
};

/** ACTIVE, EXPIRED or REVOKED, as the gateway would judge the key now. */
export function apiKeyStatus(key: Pick<ApiKeyRecord, 'revokedAt' | 'expiresAt'>, now: Date = new Date()): 'ACTIVE' | 'EXPIRED' | 'REVOKED' {
  if (key.revokedAt != null) return 'REVOKED';
  if (key.expiresAt != null && key.expiresAt <= now) return 'EXPIRED';
  return 'ACTIVE';
}

export const apiKeyTypeResolvers = {
  /** GraphQL names ↔ the identity scopes stored and signed. */
  ApiScope: API_SCOPE_VALUES,
  ApiKey: {
    id: (key) => key._id.toHexString(),
    owner: (key, _args, ctx) => ctx.loaders.userById.load(key.ownerId.toHexString()),
    status: (key) => apiKeyStatus(key),
  } satisfies ApiKeyResolvers,
};
