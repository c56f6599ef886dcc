import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from './subgraph/data-source.ts';

/**
 * The anonymous visitor, for consent before sign-in (privacy subgraph, issue 7).
 *
 * - `lg_vid`: a random id (128 bits, 22 base64url characters) in a necessary cookie
 *   (HttpOnly, SameSite=Lax, Path=/, Secure outside dev, 13 months). It names a browser, never
 *   a person: no name, no contact details. Set only when it is needed: the browser has none
 *   (or a malformed one) and the operation reads or writes consent (`CONSENT_FIELDS`). A
 *   browser that never meets the banner gets no identifier at all.
 * - Every subgraph hop carries it as `x-leadgraph-visitor-id`, with the browser's Global
 *   Privacy Control signal (`sec-gpc: 1`) and its user agent (`x-leadgraph-user-agent`, for
 *   the coarse device/browser of technical data). Headers the client sent under those names
 *   are never forwarded as such: only what this module read from the request.
 */
export const VISITOR_COOKIE = 'lg_vid';
export const VISITOR_ID_HEADER = 'x-leadgraph-visitor-id';
export const GPC_HEADER = 'sec-gpc';
export const USER_AGENT_HEADER = 'x-leadgraph-user-agent';
const VISITOR_ID = /^[A-Za-z0-9_-]{22}$/;

/** Root fields (privacy subgraph) that read or record a visitor's consent: only they make the cookie necessary. */
export const CONSENT_FIELDS: ReadonlySet<string> = new Set(['myConsent', 'myConsentHistory', 'myConsentStatus', 'setConsent', 'recordPageView']);

/** Whether an operation's document selects one of `CONSENT_FIELDS` (anywhere, fragments included). */
export function selectsConsent(document: unknown): boolean {
  const stack: unknown[] = [document];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) stack.push(...node);
    else if (typeof node === 'object' && node !== null) {
      const { kind, name } = node as { kind?: unknown; name?: { value?: unknown } };
      if (kind === 'Field' && typeof name?.value === 'string' && CONSENT_FIELDS.has(name.value)) return true;
      const { selectionSet, definitions, selections } = node as Record<string, unknown>;
      for (const child of [selectionSet, definitions, selections]) if (child !== undefined) stack.push(child);
    }
  }
  return false;
}
/** 13 months, the longest a consent cookie should live. */
const MAX_AGE_SECONDS = 395 * 24 * 60 * 60;

export interface ResolvedVisitor {
  visitorId: string;
  /** The `Set-Cookie` value when the browser had no (valid) visitor id, else null. */
  setCookie: string | null;
  /** Added to every subgraph request. */
  headers: Record<string, string>;
}

/** The `lg_vid` value of a Cookie header, or null when absent or not one of ours. */
export function readVisitorId(cookieHeader: string | undefined): string | null {
  for (const part of (cookieHeader ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === VISITOR_COOKIE) {
      const id = value.join('=');
      return VISITOR_ID.test(id) ? id : null;
    }
  }
  return null;
}

export function visitorCookie(visitorId: string, secure: boolean): string {
  return `${VISITOR_COOKIE}=${visitorId}; Path=/; Max-Age=${MAX_AGE_SECONDS}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}

/** Reads (or issues) the visitor id of a request, and the headers the subgraphs get. */
export function resolveVisitor(req: IncomingMessage, options: { secure: boolean }): ResolvedVisitor {
  const known = readVisitorId(req.headers.cookie);
  const visitorId = known ?? randomBytes(16).toString('base64url');
  const headers: Record<string, string> = { [VISITOR_ID_HEADER]: visitorId };
  const gpc = req.headers[GPC_HEADER];
  if ((Array.isArray(gpc) ? gpc[0] : gpc)?.trim() === '1') headers[GPC_HEADER] = '1';
  const userAgent = req.headers['user-agent'];
  if (typeof userAgent === 'string' && userAgent !== '') headers[USER_AGENT_HEADER] = userAgent.slice(0, 512);
  return { visitorId, setCookie: known === null ? visitorCookie(visitorId, options.secure) : null, headers };
}

/**
 * The visitor cookie a request still has to send, with the response it goes on. Keyed by the
 * context's `subgraphHeaders` object: Apollo hands plugins a shallow copy of the context, so
 * the context object itself is not the same, but the objects it holds are.
 */
const pending = new WeakMap<object, { res: ServerResponse; cookie: string; needed: boolean }>();

/** Remembers the cookie to send for this request's context (see `visitorCookiePlugin`). */
export function rememberVisitorCookie(context: GatewayContext, res: ServerResponse | undefined, visitor: ResolvedVisitor): void {
  if (visitor.setCookie !== null && res !== undefined) pending.set(context.subgraphHeaders, { res, cookie: visitor.setCookie, needed: false });
}

/**
 * Sends `lg_vid` next to whatever session cookie the response carries. Apollo's header map
 * holds one value per name, so when a cookie must be set this plugin (listed after the session
 * plugin) moves the session's `Set-Cookie` out of the map and writes both on the response.
 */
export function visitorCookiePlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, document }) {
          const cookie = pending.get(contextValue.subgraphHeaders);
          if (cookie !== undefined) cookie.needed = selectsConsent(document);
        },
        async willSendResponse({ contextValue, response }) {
          const cookie = pending.get(contextValue.subgraphHeaders);
          pending.delete(contextValue.subgraphHeaders);
          if (cookie === undefined || !cookie.needed) return;
          const session = response.http.headers.get('set-cookie');
          response.http.headers.delete('set-cookie');
          cookie.res.setHeader('set-cookie', session === undefined ? [cookie.cookie] : [session, cookie.cookie]);
        },
      };
    },
  };
}
