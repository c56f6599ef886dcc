/**
 * The session handoff from the users subgraph: after a sign-in, sign-out or password change
 * it answers with this response header, and the gateway turns it into `Set-Cookie`. The
 * header is read only from the users subgraph's responses and never forwarded to clients.
 */
export const SESSION_HEADER = 'x-leadgraph-session';

export type SessionHandoff = { action: 'set'; token: string; expiresAt: Date } | { action: 'clear' };

/** The handoff in a header value, or null when absent or not exactly one of the two shapes. */
export function parseHandoff(value: string | null | undefined): SessionHandoff | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > 1_000) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const { action, token, expiresAt } = parsed as Record<string, unknown>;
  if (action === 'clear') return { action };
  if (action !== 'set' || typeof token !== 'string' || typeof expiresAt !== 'string') return null;
  const expires = new Date(expiresAt);
  return Number.isNaN(expires.getTime()) ? null : { action, token, expiresAt: expires };
}
