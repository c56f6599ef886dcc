import { z } from 'zod';
import { ConfigError, loadConfig, vars, type ConfigSpec } from '@leadgraph/config';
import { resolveSigningKey } from '@leadgraph/identity';

/** The documented port of each subgraph; a peer's default URL is `http://127.0.0.1:PORT/graphql`. */
export const SUBGRAPH_PORTS = { users: 4001, leads: 4002, reviews: 4003, privacy: 4004 } as const;

const peerUrl = (peer: keyof typeof SUBGRAPH_PORTS) => ({
  schema: vars.url().default(`http://127.0.0.1:${SUBGRAPH_PORTS[peer]}/graphql`),
  description: `GraphQL URL of the ${peer} subgraph (for service-to-service calls).`,
});

/** The variables every subgraph reads; a subgraph adds its own to this spec. */
export function subgraphConfigSpec(name: string, defaultPort: number) {
  return {
    USERS_URL: peerUrl('users'),
    LEADS_URL: peerUrl('leads'),
    REVIEWS_URL: peerUrl('reviews'),
    PRIVACY_URL: peerUrl('privacy'),
    PORT: { schema: vars.port(defaultPort), description: `HTTP port of the ${name} subgraph (0: any free port).` },
    HOST: { schema: vars.host(), description: 'Interface to listen on.' },
    MONGODB_URI: {
      schema: z.string().regex(/^mongodb(\+srv)?:\/\//, 'must be a mongodb:// or mongodb+srv:// URI').optional(),
      description: 'MongoDB to use; unset: a local mongod if a binary is installed, else the embedded server.',
      sensitive: true,
    },
    MONGODB_DB: { schema: z.string().min(1).default(`leadgraph_${name}`), description: 'Database name.' },
    IDENTITY_SIGNING_KEY: {
      schema: z.string().min(32).optional(),
      description: 'HMAC key verifying the gateway identity assertion (≥ 32 chars); required in production.',
      sensitive: true,
    },
    LOG_LEVEL: { schema: vars.logLevel(), description: 'pino log level.' },
    NODE_ENV: { schema: vars.nodeEnv(), description: 'development, test or production.' },
  } satisfies ConfigSpec;
}

type BaseSpec = ReturnType<typeof subgraphConfigSpec>;

/**
 * The validated configuration with the identity signing key resolved (the development key
 * outside production); throws ConfigError naming every bad variable.
 */
export function readSubgraphConfig<S extends BaseSpec>(spec: S, env: Record<string, string | undefined> = process.env) {
  const config = loadConfig(spec, env);
  try {
    return { ...config, IDENTITY_SIGNING_KEY: resolveSigningKey(config.IDENTITY_SIGNING_KEY, config.NODE_ENV) };
  } catch (error) {
    throw new ConfigError(`Invalid configuration:\n  ${(error as Error).message}`);
  }
}
