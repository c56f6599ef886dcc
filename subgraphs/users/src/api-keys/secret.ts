import { createHash, randomBytes } from 'node:crypto';

/** Every key starts with this, so secret scanners and people recognise one. */
export const API_KEY_PREFIX = 'lg_';

/** A new secret: `lg_` and 43 base64url characters (256 random bits). Shown once, never stored. */
export function newApiKeySecret(): string {
  return `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/** What is stored and looked up: the lower-case hex SHA-256 of the whole secret. */
export function hashApiKeySecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** The part of a secret shown in lists: `lg_` and the next 8 characters. */
export function displayPrefix(secret: string): string {
  return secret.slice(0, API_KEY_PREFIX.length + 8);
}
