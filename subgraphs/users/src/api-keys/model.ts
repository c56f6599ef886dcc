import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';
import { declarePersonalStorage } from '@leadgraph/privacy-kit';
import { API_KEY_SCOPES } from './scopes.ts';

/**
 * An integrator's API key, in the users database's `api_keys` collection. The secret itself is
 * never stored: `secretHash` is its SHA-256 (lower-case hex), which the gateway looks up when a
 * request carries `Authorization: Bearer lg_...` (`gateway/src/api-keys/`). A 256-bit random
 * secret needs no pepper or slow hash: nobody can guess one to test against a stolen hash.
 * `prefix` (the first characters of the secret) names the key in lists without revealing it.
 *
 * The gateway reads `secretHash`, `ownerId`, `scopes`, `expiresAt`, `revokedAt` and writes
 * `lastUsedAt`: these names are a contract with it (docs/decisions/0006-api-keys-for-integrators.md).
 */
export const apiKeySchema = new Schema(
  {
    /** SHA-256 (hex) of the whole secret `lg_...`. */
    secretHash: { type: String, required: true },
    /** `lg_` and the next 8 characters: shown in lists so an admin can tell keys apart. */
    prefix: { type: String, required: true },
    /** The account the key acts as (its current role applies, read at every request). */
    ownerId: { type: Schema.Types.ObjectId, required: true },
    /** What the integrator calls the key ("CRM sync"); not personal data. */
    name: { type: String, required: true, trim: true, maxlength: 100 },
    /** Identity scopes (`personal:read`, `statistics:read`), as the gateway signs them. */
    scopes: { type: [{ type: String, enum: API_KEY_SCOPES }], required: true },
    /** The admin who created it. */
    createdBy: { type: Schema.Types.ObjectId, required: true },
    /** Null: never expires (until revoked). */
    expiresAt: { type: Date, default: null },
    /** Written by the gateway, at most once a minute per key. */
    lastUsedAt: { type: Date, default: null },
    revokedAt: { type: Date, default: null },
    revokedBy: { type: Schema.Types.ObjectId, default: null },
  },
  { timestamps: { createdAt: true, updatedAt: false }, collection: 'api_keys', versionKey: false },
);
// The gateway's lookup, once per request.
apiKeySchema.index({ secretHash: 1 }, { unique: true });
// An owner's keys (erasure, account closure).
apiKeySchema.index({ ownerId: 1 });
declarePersonalStorage(apiKeySchema, {
  paths: { name: { waiver: "a label an admin gives the key (\"CRM sync\"), describing the integration, not a person" } },
});

export type ApiKeyRecord = InferSchemaType<typeof apiKeySchema> & { _id: Types.ObjectId; createdAt: Date };
export type ApiKeyModel = Model<InferSchemaType<typeof apiKeySchema>>;

/** The ApiKey model on the users connection. */
export function apiKeyModel(connection: Connection): ApiKeyModel {
  return (connection.models.ApiKey as ApiKeyModel | undefined) ?? (connection.model('ApiKey', apiKeySchema) as unknown as ApiKeyModel);
}
