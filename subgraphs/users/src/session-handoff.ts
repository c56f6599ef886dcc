import type { ServerResponse } from 'node:http';

/**
 * How the users subgraph hands a session to the gateway: a response header the gateway turns
 * into Set-Cookie and never forwards. `set` carries the token (the only place it ever leaves
 * this subgraph); `clear` asks the gateway to remove the cookie.
 */
export const SESSION_HEADER = 'x-leadgraph-session';

export type SessionHandoffValue = { action: 'set'; token: string; expiresAt: string } | { action: 'clear' };

export interface SessionHandoff {
  set(token: string, expiresAt: Date): void;
  clear(): void;
}

/** Writes the header on this request's response (`@leadgraph/http` keeps headers set on `res`). */
export function sessionHandoff(res: ServerResponse | undefined): SessionHandoff {
  const write = (value: SessionHandoffValue) => res?.setHeader(SESSION_HEADER, JSON.stringify(value));
  return {
    set: (token, expiresAt) => write({ action: 'set', token, expiresAt: expiresAt.toISOString() }),
    clear: () => write({ action: 'clear' }),
  };
}
