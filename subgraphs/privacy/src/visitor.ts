import type { IncomingHttpHeaders } from 'node:http';

/**
 * Headers the gateway adds to every hop for the browser behind the request (gateway/src/visitor.ts):
 * the anonymous visitor id from the necessary `lg_vid` cookie, the browser's `Sec-GPC`
 * signal, and its user agent (for the coarse device/browser of technical data).
 */
export const VISITOR_ID_HEADER = 'x-leadgraph-visitor-id';
export const GPC_HEADER = 'sec-gpc';
export const USER_AGENT_HEADER = 'x-leadgraph-user-agent';

/** The visitor id format the gateway issues: 22 base64url characters (128 random bits). */
export const VISITOR_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;

export interface Visitor {
  /** The anonymous visitor; null when the gateway sent none (or a malformed one). */
  visitorId: string | null;
  /** Whether the browser sent `Sec-GPC: 1`. */
  gpc: boolean;
  userAgent: string | null;
}

const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** The visitor facts of a request; anything malformed counts as absent. */
export function visitorFromHeaders(headers: IncomingHttpHeaders): Visitor {
  const visitorId = single(headers[VISITOR_ID_HEADER]);
  const userAgent = single(headers[USER_AGENT_HEADER]);
  return {
    visitorId: visitorId !== undefined && VISITOR_ID_PATTERN.test(visitorId) ? visitorId : null,
    gpc: single(headers[GPC_HEADER])?.trim() === '1',
    userAgent: userAgent === undefined || userAgent === '' ? null : userAgent.slice(0, 512),
  };
}
