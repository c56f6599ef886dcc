import { API_KEY_CODES } from '../api-keys/errors.ts';
import { LIMIT_CODES } from '../limits/index.ts';
import { PRIVACY_CODES } from '../privacy/personal-scope.ts';

/**
 * The codes the gateway itself puts in `extensions.code`. Errors from a subgraph keep the
 * subgraph's own code and gain `extensions.serviceName`.
 */
export const GatewayErrorCode = {
  /** A subgraph could not be reached, timed out, or answered 502/503/504. */
  SUBGRAPH_UNAVAILABLE: 'SUBGRAPH_UNAVAILABLE',
  /** A subgraph answered with something that is not a GraphQL response. */
  SUBGRAPH_INVALID_RESPONSE: 'SUBGRAPH_INVALID_RESPONSE',
  /** A subgraph's error without a code (Apollo Gateway's own default). */
  DOWNSTREAM_SERVICE_ERROR: 'DOWNSTREAM_SERVICE_ERROR',
  /** The body was a JSON array: one operation per request. */
  BATCHING_NOT_SUPPORTED: 'BATCHING_NOT_SUPPORTED',
  /** `__schema` / `__type` asked in production. */
  INTROSPECTION_DISABLED: 'INTROSPECTION_DISABLED',
  /** A POST from a browser origin not in ALLOWED_ORIGINS (CSRF defence); HTTP 403. */
  FORBIDDEN_ORIGIN: 'FORBIDDEN_ORIGIN',
  /** Anything unexpected; the message is replaced and the cause only logged. */
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
  /** The operation-shape limits (`limits/`). */
  QUERY_TOO_DEEP: LIMIT_CODES.maxDepth,
  TOO_MANY_ALIASES: LIMIT_CODES.maxAliases,
  TOO_MANY_DIRECTIVES: LIMIT_CODES.maxDirectives,
  TOO_MANY_TOKENS: LIMIT_CODES.maxTokens,
} as const;

/** Codes raised by the gateway (or Apollo Server) whose message is safe to show as is. */
export const CLIENT_SAFE_CODES: ReadonlySet<string> = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  GatewayErrorCode.SUBGRAPH_UNAVAILABLE,
  GatewayErrorCode.SUBGRAPH_INVALID_RESPONSE,
  GatewayErrorCode.BATCHING_NOT_SUPPORTED,
  GatewayErrorCode.INTROSPECTION_DISABLED,
  GatewayErrorCode.FORBIDDEN_ORIGIN,
  ...Object.values(LIMIT_CODES),
  ...Object.values(API_KEY_CODES),
  ...Object.values(PRIVACY_CODES),
]);

/** Subgraph codes whose message may carry internals: the code is kept, the message replaced. */
export const OPAQUE_SUBGRAPH_CODES: ReadonlySet<string> = new Set([
  GatewayErrorCode.INTERNAL_SERVER_ERROR,
  GatewayErrorCode.DOWNSTREAM_SERVICE_ERROR,
]);
