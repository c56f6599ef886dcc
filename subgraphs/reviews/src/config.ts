import { z } from 'zod';
import { ConfigError, loadConfig, vars } from '@leadgraph/config';
import { resolveSigningKey } from '@leadgraph/identity';

/** Every variable the reviews subgraph reads, with its default and meaning. */
export const configSpec = {
  PORT: { schema: vars.port(4003), description: 'HTTP port of the reviews subgraph (0: any free port).' },
  HOST: { schema: vars.host(), description: 'Interface to listen on.' },
  MONGODB_URI: {
    schema: z.string().regex(/^mongodb(\+srv)?:\/\//, 'must be a mongodb:// or mongodb+srv:// URI').optional(),
    description: 'MongoDB to use; unset: a local mongod if a binary is installed, else the embedded server.',
    sensitive: true,
  },
  MONGODB_DB: { schema: z.string().min(1).default('leadgraph_reviews'), description: 'Database name.' },
  IDENTITY_SIGNING_KEY: {
    schema: z.string().min(32).optional(),
    description: 'HMAC key verifying the gateway identity assertion (≥ 32 chars); required in production.',
    sensitive: true,
  },
  LOG_LEVEL: { schema: vars.logLevel(), description: 'pino log level.' },
  NODE_ENV: { schema: vars.nodeEnv(), description: 'development, test or production.' },
};

export type ReviewsConfig = ReturnType<typeof readConfig>;

/** The validated configuration; throws ConfigError naming every bad variable. */
export function readConfig(env: Record<string, string | undefined> = process.env) {
  const config = loadConfig(configSpec, env);
  try {
    return { ...config, IDENTITY_SIGNING_KEY: resolveSigningKey(config.IDENTITY_SIGNING_KEY, config.NODE_ENV) };
  } catch (error) {
    throw new ConfigError(`Invalid configuration:\n  ${(error as Error).message}`);
  }
}
