import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The signed identity assertion the gateway forwards to every subgraph on every hop.
 * Subgraphs trust this header and nothing else: the gateway resolves the session or API
 * key once, then signs who the caller is for a short time.
 *
 * Token format: `<base64url(JSON payload)>.<base64url(HMAC-SHA256(payload part))>`, where
 * the payload is the identity plus `exp` (ms since the epoch).
 */
export const IDENTITY_HEADER = 'x-leadgraph-identity';

/** Every role, in one place (the users model and the verifier read it). */
export const ROLES = ['client', 'pro', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/**
 * The role of a platform service calling another one (the leads subgraph asking the users
 * subgraph for a pro's profile, the privacy subgraph running an export). Never a user's role:
 * no account can hold it, and it carries no user id.
 */
export const SERVICE_ROLE = 'service';
export type IdentityRole = Role | typeof SERVICE_ROLE;

export interface Identity {
  userId: string | null;
  role: IdentityRole | null;
  sessionId: string | null;
  /** When the caller authenticated, in ms since the epoch. */
  authenticatedAt: number | null;
  scopes: string[];
  /**
   * The caller's IP address as the gateway saw it (personal data: used for rate limits and
   * security events only, never logged). Null when unknown.
   */
  clientIp: string | null;
}

/** The caller nobody vouched for. Every failed verification yields this. */
export const ANONYMOUS: Identity = Object.freeze({
  userId: null,
  role: null,
  sessionId: null,
  authenticatedAt: null,
  scopes: Object.freeze([]) as unknown as string[],
  clientIp: null,
}) as Identity;

/** Shortest accepted signing key; `IDENTITY_SIGNING_KEY` must be at least this long. */
export const MIN_SIGNING_KEY_LENGTH = 32;

/**
 * The fixed key used outside production when `IDENTITY_SIGNING_KEY` is not set, so that a
 * gateway and subgraphs started on one machine agree without configuration. Never accepted
 * in production (see `resolveSigningKey`).
 */
export const DEV_IDENTITY_SIGNING_KEY = 'leadgraph-development-identity-key-not-for-production';

/**
 * The key a service signs or verifies with: the configured one, or the development default
 * outside production. Throws when production has no key or a key is too short.
 */
export function resolveSigningKey(configured: string | undefined, nodeEnv: string | undefined): string {
  if (configured === undefined || configured === '') {
    if (nodeEnv === 'production') {
      throw new Error('IDENTITY_SIGNING_KEY is required in production');
    }
    return DEV_IDENTITY_SIGNING_KEY;
  }
  if (configured.length < MIN_SIGNING_KEY_LENGTH) {
    throw new Error(`IDENTITY_SIGNING_KEY must be at least ${MIN_SIGNING_KEY_LENGTH} characters`);
  }
  return configured;
}

function sign(payloadPart: string, key: string): Buffer {
  return createHmac('sha256', key).update(payloadPart).digest();
}

/** Signs `identity` for `ttlSeconds` (default 60) with `key`; returns a compact token. */
export function signAssertion(identity: Identity, key: string, ttlSeconds = 60, now = Date.now()): string {
  const payload = {
    userId: identity.userId,
    role: identity.role,
    sessionId: identity.sessionId,
    authenticatedAt: identity.authenticatedAt,
    scopes: [...identity.scopes],
    clientIp: identity.clientIp,
    exp: now + ttlSeconds * 1000,
  };
  const payloadPart = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
  return `${payloadPart}.${sign(payloadPart, key).toString('base64url')}`;
}

function isNullableString(value: unknown): value is string | null {
  return value === null || typeof value === 'string';
}

/** Checks the decoded payload's shape; anything unexpected is rejected, not coerced. */
function toIdentity(payload: unknown): { identity: Identity; exp: number } | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const p = payload as Record<string, unknown>;
  const { userId, role, sessionId, authenticatedAt, scopes, clientIp, exp } = p;
  if (!isNullableString(userId) || !isNullableString(sessionId) || !isNullableString(clientIp)) return null;
  if (role !== null && role !== SERVICE_ROLE && !ROLES.includes(role as Role)) return null;
  if (authenticatedAt !== null && typeof authenticatedAt !== 'number') return null;
  if (!Array.isArray(scopes) || !scopes.every((s) => typeof s === 'string')) return null;
  if (typeof exp !== 'number' || !Number.isFinite(exp)) return null;
  return {
    identity: {
      userId,
      role: role as IdentityRole | null,
      sessionId,
      authenticatedAt,
      scopes: scopes as string[],
      clientIp,
    },
    exp,
  };
}

/**
 * The identity in `token`, or ANONYMOUS when the token is missing, malformed, forged, signed
 * with another key or expired. The signature is compared in constant time.
 */
export function verifyAssertion(token: string | undefined, key: string, now = Date.now()): Identity {
  if (typeof token !== 'string' || token.length === 0 || token.length > 8192) return ANONYMOUS;
  const parts = token.split('.');
  if (parts.length !== 2) return ANONYMOUS;
  const [payloadPart, signaturePart] = parts as [string, string];
  const expected = sign(payloadPart, key);
  const given = Buffer.from(signaturePart, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return ANONYMOUS;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(payloadPart, 'base64url').toString('utf8'));
  } catch {
    return ANONYMOUS;
  }
  const checked = toIdentity(decoded);
  if (checked === null || checked.exp <= now) return ANONYMOUS;
  return checked.identity;
}

/** Reads the assertion from a Node request's headers (first value if repeated). */
export function identityFromHeaders(
  headers: Record<string, string | string[] | undefined>,
  key: string,
  now = Date.now(),
): Identity {
  const raw = headers[IDENTITY_HEADER];
  return verifyAssertion(Array.isArray(raw) ? raw[0] : raw, key, now);
}

/** The identity a platform service signs to call another service: role `service`, no user. */
export function serviceIdentity(serviceName: string, scopes: readonly string[] = []): Identity {
  return {
    userId: null,
    role: SERVICE_ROLE,
    sessionId: null,
    authenticatedAt: null,
    scopes: [`service:${serviceName}`, ...scopes],
    clientIp: null,
  };
}

/** Whether the caller is a platform service (see `serviceIdentity`). */
export function isService(identity: Identity | undefined): boolean {
  return identity?.role === SERVICE_ROLE;
}
