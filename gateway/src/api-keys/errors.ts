import { GraphQLError } from 'graphql';

/** The codes of API-key authentication, kept by the gateway's `formatError`. */
export const API_KEY_CODES = {
  /** No such key, revoked, expired, owner gone or closed, or not a key at all: HTTP 401. */
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  /** The key used up its request budget: HTTP 429, `retryAfterSeconds` and `Retry-After`. */
  RATE_LIMITED: 'RATE_LIMITED',
} as const;

/**
 * One answer for every refused key, whatever the check that failed: telling "revoked" from
 * "unknown" would let someone holding a list of old keys learn which were real.
 */
export function invalidApiKey(): GraphQLError {
  return new GraphQLError('Invalid API key: it is unknown, revoked or expired, or its account is closed.', {
    extensions: { code: API_KEY_CODES.UNAUTHENTICATED, http: { status: 401 } },
  });
}

export function apiKeyRateLimited(retryAfterSeconds: number): GraphQLError {
  return new GraphQLError('Too many requests with this API key; try again later.', {
    extensions: { code: API_KEY_CODES.RATE_LIMITED, retryAfterSeconds, http: { status: 429, headers: new Map([['retry-after', String(retryAfterSeconds)]]) } },
  });
}
