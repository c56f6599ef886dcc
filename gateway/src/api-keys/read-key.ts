import type { IncomingHttpHeaders } from 'node:http';

/** Every API key starts with this (`subgraphs/users/src/api-keys/secret.ts`). */
export const API_KEY_PREFIX = 'lg_';

/** The longest value looked at: a real key is 46 characters. */
const MAX_KEY_LENGTH = 200;

/** What the request says about an API key. */
export type PresentedKey =
  | { kind: 'none' }
  /** A value that cannot be a key (wrong prefix, two different keys): refused like an unknown key. */
  | { kind: 'malformed' }
  | { kind: 'key'; secret: string };

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(',') : value;
}

/**
 * The API key of a request: `Authorization: Bearer lg_...` or `x-api-key: lg_...`. An
 * `Authorization` header with another scheme (Basic...) is not ours and is ignored; a Bearer
 * value that is not an `lg_` key, or both headers carrying different keys, is malformed.
 */
export function readApiKey(headers: IncomingHttpHeaders): PresentedKey {
  const authorization = single(headers.authorization)?.trim();
  const bearer = authorization !== undefined && /^bearer\s+/i.test(authorization) ? authorization.replace(/^bearer\s+/i, '').trim() : undefined;
  const header = single(headers['x-api-key'])?.trim();
  const values = [bearer, header].filter((value): value is string => value !== undefined && value !== '');
  if (values.length === 0) return { kind: 'none' };
  const [secret] = values;
  if (secret === undefined || values.some((value) => value !== secret)) return { kind: 'malformed' };
  if (!secret.startsWith(API_KEY_PREFIX) || secret.length > MAX_KEY_LENGTH || !/^[A-Za-z0-9_-]+$/.test(secret)) return { kind: 'malformed' };
  return { kind: 'key', secret };
}
