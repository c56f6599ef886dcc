import { z } from 'zod';
import { readSubgraphConfig, subgraphConfigSpec } from '@leadgraph/service-kit';

/** Every variable the users subgraph reads, with its default and meaning. */
export const configSpec = {
  ...subgraphConfigSpec('users', 4001),
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
  MEDIA_BASE_URL: {
    schema: z.url({ protocol: /^https?$/ }).default('http://localhost:4000'),
    description: 'Base of image URLs (`${MEDIA_BASE_URL}/media/<sha256>`); default the gateway, which proxies /media/* to this subgraph.',
  },
  PRO_MAX_GALLERY_IMAGES: {
    schema: z.coerce.number().int().min(0).max(50).default(8),
    description: 'Most gallery images one pro profile may hold (the logo is extra).',
  },
  PRO_MAX_IMAGE_BYTES: {
    schema: z.coerce.number().int().min(1024).max(16 * 1024 * 1024).default(2 * 1024 * 1024),
    description: 'Largest accepted image upload, in bytes after base64 decoding (default 2 MiB).',
  },
  AUTH_KEY_PEPPER: {
    schema: z.string().min(32).optional(),
    description: 'HMAC key for rate-limit key pseudonyms (≥ 32 chars); recommended in production.',
    sensitive: true,
  },
};

export type UsersConfig = ReturnType<typeof readConfig>;

/** The validated configuration; throws ConfigError naming every bad variable. */
export function readConfig(env: Record<string, string | undefined> = process.env) {
  return readSubgraphConfig(configSpec, env);
}
