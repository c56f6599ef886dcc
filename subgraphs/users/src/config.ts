import { z } from 'zod';
import { ConfigError, loadConfig, vars } from '@leadgraph/config';
import { resolveSigningKey } from '@leadgraph/identity';

/** Every variable the users subgraph reads, with its default and meaning. */
export const configSpec = {
  PORT: { schema: vars.port(4001), description: 'HTTP port of the users subgraph (0: any free port).' },
  HOST: { schema: vars.host(), description: 'Interface to listen on.' },
  MONGODB_URI: {
    schema: z.string().regex(/^mongodb(\+srv)?:\/\//, 'must be a mongodb:// or mongodb+srv:// URI').optional(),
    description: 'MongoDB to use; unset: a local mongod if a binary is installed, else the embedded server.',
    sensitive: true,
  },
  MONGODB_DB: { schema: z.string().min(1).default('leadgraph_users'), description: 'Database name.' },
  IDENTITY_SIGNING_KEY: {
    schema: z.string().min(32).optional(),
    description: 'HMAC key verifying the gateway identity assertion (≥ 32 chars); required in production.',
    sensitive: true,
  },
  SMTP_URL: {
    schema: z.string().regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL').default('smtp://127.0.0.1:1025'),
    description: 'SMTP server the mail outbox delivers to; default the development mail catcher.',
    sensitive: true,
  },
  APP_URL: {
    schema: z.url({ protocol: /^https?$/ }).default('http://localhost:4000'),
    description: 'Base URL of the web app, for the links in account mails (verify-email, reset-password, confirm-email).',
  },
  REAUTH_MINUTES: {
    schema: z.coerce.number().int().min(1).max(1440).default(10),
    description: 'How recent a password entry must be (minutes) to delete the account or change the email.',
  },
  AUTH_KEY_PEPPER: {
    schema: z.string().min(32).optional(),
    description: 'HMAC key for rate-limit key pseudonyms (≥ 32 chars); recommended in production.',
    sensitive: true,
  },
  LOG_LEVEL: { schema: vars.logLevel(), description: 'pino log level.' },
  NODE_ENV: { schema: vars.nodeEnv(), description: 'development, test or production.' },
};

export type UsersConfig = ReturnType<typeof readConfig>;

/** The validated configuration; throws ConfigError naming every bad variable. */
export function readConfig(env: Record<string, string | undefined> = process.env) {
  const config = loadConfig(configSpec, env);
  try {
    return { ...config, IDENTITY_SIGNING_KEY: resolveSigningKey(config.IDENTITY_SIGNING_KEY, config.NODE_ENV) };
  } catch (error) {
    throw new ConfigError(`Invalid configuration:\n  ${(error as Error).message}`);
  }
}
