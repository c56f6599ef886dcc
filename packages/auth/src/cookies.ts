import { Cookie } from 'lucia';

/**
 * The session cookie. Its name says nothing about the stack. With `secure` (everywhere but
 * local development) the name carries the `__Host-` prefix, so the browser only accepts it
 * when set over HTTPS, for Path=/ and without Domain: a sibling subdomain cannot plant or
 * shadow it (no session fixation through a cookie set on a parent domain).
 */
export const SESSION_COOKIE_NAME = 'sid';
export const SECURE_SESSION_COOKIE_NAME = '__Host-sid';

/** Whether cookies get the Secure attribute: only local development (plain http) goes without. */
export interface CookieSecurity {
  secure: boolean;
}

/** `{ secure }` for a NODE_ENV: secure unless `development`. */
export function cookieSecurity(nodeEnv: string | undefined): CookieSecurity {
  return { secure: nodeEnv !== 'development' };
}

export function sessionCookieName({ secure }: CookieSecurity): string {
  return secure ? SECURE_SESSION_COOKIE_NAME : SESSION_COOKIE_NAME;
}

/** Session tokens as lucia makes them: 25 random bytes in lower-case base32, 40 characters. */
const SESSION_TOKEN = /^[a-z2-7]{40}$/;

/** Whether `value` has the shape of a session token (checked before any database lookup). */
export function isSessionTokenShaped(value: string): boolean {
  return SESSION_TOKEN.test(value);
}

function attributes({ secure }: CookieSecurity) {
  return { httpOnly: true, sameSite: 'lax' as const, secure, path: '/' };
}

/**
 * A `Set-Cookie` value carrying `token` until `expiresAt`: HttpOnly (no script reads it),
 * SameSite=Lax (not sent on cross-site POSTs), Path=/, Secure unless local development, and
 * both Expires and Max-Age. Send it again whenever a validated session comes back `fresh`.
 */
export function sessionCookie(token: string, expiresAt: Date, security: CookieSecurity, now: Date = new Date()): string {
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - now.getTime()) / 1000));
  return new Cookie(sessionCookieName(security), token, { ...attributes(security), expires: expiresAt, maxAge }).serialize();
}

/** A `Set-Cookie` value that removes the session cookie (log out, or an invalid session presented). */
export function blankSessionCookie(security: CookieSecurity): string {
  return new Cookie(sessionCookieName(security), '', { ...attributes(security), expires: new Date(0), maxAge: 0 }).serialize();
}

/**
 * The session token in a `Cookie` request header, or null. Never throws: malformed pairs are
 * skipped, and a value that is not shaped like a session token is ignored, so garbage never
 * reaches the database. Only the cookie name for `security` is read.
 */
export function readSessionToken(cookieHeader: string | null | undefined, security: CookieSecurity): string | null {
  if (typeof cookieHeader !== 'string' || cookieHeader.length === 0 || cookieHeader.length > 16_384) return null;
  const name = sessionCookieName(security);
  for (const pair of cookieHeader.split(';')) {
    const eq = pair.indexOf('=');
    if (eq < 0 || pair.slice(0, eq).trim() !== name) continue;
    let value = pair.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    if (isSessionTokenShaped(value)) return value;
  }
  return null;
}
