import type { IncomingMessage } from 'node:http';
import { GraphQLError } from 'graphql';
import { GatewayErrorCode } from '../errors/codes.ts';

/** Origins of the gateway itself and the local dev servers (shell and portals). */
export const DEFAULT_ALLOWED_ORIGINS: readonly string[] = Object.freeze([
  'http://localhost:4000',
  'http://127.0.0.1:4000',
  'http://localhost:5173',
  'http://localhost:5174',
  'http://localhost:5175',
  'http://localhost:5176',
]);

/**
 * CSRF defence for cookie sessions, on top of SameSite=Lax and Apollo's `csrfPrevention`:
 * a POST (every mutation is a POST: Apollo refuses mutations over GET) that carries an
 * `Origin` header must come from one of `allowed`. `Origin: null` (sandboxed frames, some
 * redirects) is refused.
 *
 * A POST without `Origin` is let through: browsers send `Origin` on every cross-origin POST
 * (fetch, XHR and forms), so a request without it is not a cross-site browser request. And
 * Apollo's `csrfPrevention` already refuses any request a browser could send cross-site
 * without a CORS preflight (a "simple" content type and no `apollo-require-preflight`
 * header), while the gateway sends no CORS headers for foreign origins, so the preflight
 * fails. Non-browser clients (scripts, integrators, tests) need no Origin.
 */
export function checkOrigin(req: IncomingMessage, allowed: ReadonlySet<string>): void {
  if (req.method !== 'POST') return;
  const origin = req.headers.origin;
  if (origin === undefined) return;
  if (allowed.has(origin.replace(/\/$/, ''))) return;
  throw new GraphQLError('This origin may not send requests to this API.', {
    extensions: { code: GatewayErrorCode.FORBIDDEN_ORIGIN, http: { status: 403 } },
  });
}

/** `ALLOWED_ORIGINS` (comma-separated) as a set of `scheme://host[:port]` strings. */
export function parseAllowedOrigins(value: string | undefined): ReadonlySet<string> {
  if (value === undefined || value.trim() === '') return new Set(DEFAULT_ALLOWED_ORIGINS);
  return new Set(
    value
      .split(',')
      .map((origin) => origin.trim().replace(/\/$/, ''))
      .filter((origin) => origin.length > 0),
  );
}
