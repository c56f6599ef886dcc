import { ConfigError, loadConfig, vars, type ConfigOf } from '@leadgraph/config';
import { DEV_MONGODB_PORT } from '@leadgraph/db';
import { resolveSigningKey } from '@leadgraph/identity';
import { DEFAULT_LIMITS, type Limits } from './limits/index.ts';
import { parseAllowedOrigins } from './session/origin.ts';
import { DEFAULT_USERS_DB_NAME } from './session/sessions.ts';
import type { SubgraphTimeouts } from './subgraph/undici-fetcher.ts';

/** A positive whole number (`vars` names it for milliseconds; the schema is the same). */
const count = vars.milliseconds;
/** Largest request body: a 2 MiB image upload in base64 (≈ 2.8 MB) plus the rest of the request. */
export const DEFAULT_MAX_BODY_BYTES = 3_000_000;

const subgraphUrl = (port: number) => vars.url().default(`http://127.0.0.1:${port}/graphql`);

/** Every variable the gateway reads, with its default and meaning. */
export const gatewayConfigSpec = {
  PORT: { schema: vars.port(4000), description: 'HTTP port of the gateway (0 picks a free one)' },
  HOST: { schema: vars.host(), description: 'Interface the gateway listens on' },
  NODE_ENV: { schema: vars.nodeEnv(), description: 'production disables introspection' },
  LOG_LEVEL: { schema: vars.logLevel(), description: 'pino log level' },
  USERS_URL: { schema: subgraphUrl(4001), description: 'GraphQL URL of the users subgraph' },
  LEADS_URL: { schema: subgraphUrl(4002), description: 'GraphQL URL of the leads subgraph' },
  REVIEWS_URL: { schema: subgraphUrl(4003), description: 'GraphQL URL of the reviews subgraph' },
  PRIVACY_URL: { schema: subgraphUrl(4004), description: 'GraphQL URL of the privacy subgraph' },
  MAX_DEPTH: { schema: count(DEFAULT_LIMITS.maxDepth), description: 'Deepest field nesting accepted' },
  MAX_ALIASES: { schema: count(DEFAULT_LIMITS.maxAliases), description: 'Most aliases in one operation' },
  MAX_DIRECTIVES: { schema: count(DEFAULT_LIMITS.maxDirectives), description: 'Most directives in one operation' },
  MAX_TOKENS: { schema: count(DEFAULT_LIMITS.maxTokens), description: 'Most lexical tokens in one document' },
  SUBGRAPH_CONNECT_TIMEOUT_MS: { schema: vars.milliseconds(2_000), description: 'Connecting to a subgraph' },
  SUBGRAPH_HEADERS_TIMEOUT_MS: {
    schema: vars.milliseconds(10_000),
    description: 'Waiting for a subgraph response to start',
  },
  SUBGRAPH_BODY_TIMEOUT_MS: {
    schema: vars.milliseconds(10_000),
    description: 'Longest pause inside a subgraph response body',
  },
  MAX_BODY_BYTES: {
    schema: count(DEFAULT_MAX_BODY_BYTES),
    description: 'Largest request body in bytes (413 above): room for a base64 image upload (2 MiB image ≈ 2.8 MB)',
  },
  HEALTH_TIMEOUT_MS: { schema: vars.milliseconds(1_000), description: "Waiting for a subgraph's /health" },
  MONGODB_URI: {
    schema: vars.host().unwrap().regex(/^mongodb(\+srv)?:\/\//, 'must be a mongodb:// or mongodb+srv:// URI').optional(),
    description: `MongoDB holding the users database (sessions); default mongodb://127.0.0.1:${DEV_MONGODB_PORT} (pnpm start's); required in production`,
    sensitive: true,
  },
  USERS_DB_NAME: { schema: vars.host(DEFAULT_USERS_DB_NAME), description: "The users subgraph's database (sessions, users)" },
  ALLOWED_ORIGINS: {
    schema: vars.host().unwrap().optional(),
    description: 'Comma-separated browser origins allowed to POST (CSRF defence); default the local dev origins',
  },
  TRUST_PROXY: {
    schema: vars.port(0),
    description: 'Reverse proxies in front that append to X-Forwarded-For (0: ignore the header, use the socket address)',
  },
  IDENTITY_SIGNING_KEY: {
    // vars has no plain-string helper and the gateway has no direct zod dependency:
    // `host()` without its default is `z.string().min(1)`.
    schema: vars.host().unwrap().min(32).optional(),
    description: 'HMAC key for identity assertions (>= 32 chars; required in production)',
    sensitive: true,
  },
} as const;

export type GatewayConfig = ConfigOf<typeof gatewayConfigSpec>;

/** Reads and validates the environment; a missing signing key in production is a ConfigError. */
export function loadGatewayConfig(env: Record<string, string | undefined> = process.env): GatewayConfig {
  const config = loadConfig(gatewayConfigSpec, env);
  try {
    resolveSigningKey(config.IDENTITY_SIGNING_KEY, config.NODE_ENV);
  } catch (error) {
    throw new ConfigError(`Invalid configuration:\n  IDENTITY_SIGNING_KEY: ${(error as Error).message}`);
  }
  if (config.NODE_ENV === 'production' && config.MONGODB_URI === undefined) {
    throw new ConfigError('Invalid configuration:\n  MONGODB_URI: required in production (sessions are validated there)');
  }
  return config;
}

/** The signing key: the configured one, or the development default outside production. */
export function identityKeyFrom(config: GatewayConfig): string {
  return resolveSigningKey(config.IDENTITY_SIGNING_KEY, config.NODE_ENV);
}

export function limitsFrom(config: GatewayConfig): Limits {
  return {
    maxDepth: config.MAX_DEPTH,
    maxAliases: config.MAX_ALIASES,
    maxDirectives: config.MAX_DIRECTIVES,
    maxTokens: config.MAX_TOKENS,
  };
}

export function timeoutsFrom(config: GatewayConfig): SubgraphTimeouts & { healthTimeoutMs: number } {
  return {
    connectTimeoutMs: config.SUBGRAPH_CONNECT_TIMEOUT_MS,
    headersTimeoutMs: config.SUBGRAPH_HEADERS_TIMEOUT_MS,
    bodyTimeoutMs: config.SUBGRAPH_BODY_TIMEOUT_MS,
    healthTimeoutMs: config.HEALTH_TIMEOUT_MS,
  };
}

export function subgraphUrlsFrom(config: GatewayConfig): Record<'users' | 'leads' | 'reviews' | 'privacy', string> {
  return { users: config.USERS_URL, leads: config.LEADS_URL, reviews: config.REVIEWS_URL, privacy: config.PRIVACY_URL };
}

/** Where sessions are validated: MONGODB_URI, or the database `pnpm start` runs locally. */
export function sessionsFrom(config: GatewayConfig): { mongoUri: string; usersDbName: string } {
  return { mongoUri: config.MONGODB_URI ?? `mongodb://127.0.0.1:${DEV_MONGODB_PORT}`, usersDbName: config.USERS_DB_NAME };
}

/**
 * The CSRF and client-address settings. Without ALLOWED_ORIGINS the gateway's own origin on
 * its PORT (e.g. `GATEWAY_PORT=14000 pnpm start`) is allowed too.
 */
export function requestTrustFrom(config: GatewayConfig): { allowedOrigins: ReadonlySet<string>; trustProxy: number } {
  const allowedOrigins = new Set(parseAllowedOrigins(config.ALLOWED_ORIGINS));
  if (config.ALLOWED_ORIGINS === undefined && config.PORT !== 0) {
    for (const host of ['localhost', '127.0.0.1']) allowedOrigins.add(`http://${host}:${config.PORT}`);
  }
  return { allowedOrigins, trustProxy: config.TRUST_PROXY };
}
