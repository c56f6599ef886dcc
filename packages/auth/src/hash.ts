import { createHash, createHmac } from 'node:crypto';

/** Lower-case hex SHA-256 of a UTF-8 string: how tokens are stored (the token itself never is). */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/**
 * A pseudonym for a piece of personal data used as a lookup key (an email, an IP address):
 * HMAC-SHA256 under `pepper` when one is configured, plain SHA-256 otherwise. With a pepper,
 * a stolen database cannot be matched against a list of known addresses.
 */
export function pseudonym(value: string, pepper?: string): string {
  if (pepper === undefined || pepper === '') return sha256Hex(value);
  return createHmac('sha256', pepper).update(value, 'utf8').digest('hex');
}

/** The canonical form of an email address for lookups and keys: trimmed, NFKC, lower-cased. */
export function normalizeEmail(email: string): string {
  return email.trim().normalize('NFKC').toLowerCase();
}
