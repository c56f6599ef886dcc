import type { Logger } from '@leadgraph/logging';
import type { GraphQLFormattedError } from 'graphql';
import { LIMIT_CODES, tokenLimitMessage, tokenLimitOf } from '../limits/index.ts';
import { CLIENT_SAFE_CODES, GatewayErrorCode, OPAQUE_SUBGRAPH_CODES } from './codes.ts';

type Extensions = Record<string, unknown>;

/**
 * graphql-js's "Did you mean ...?" hints reveal schema details. Apollo Server's
 * `hideSchemaDetailsFromClientErrors` strips them from validation errors only; variable
 * coercion errors (an unknown enum value) carry them too.
 */
const SUGGESTION = / ?Did you mean .+\?$/s;

const RULE_CODES: ReadonlySet<unknown> = new Set([...Object.values(LIMIT_CODES), 'INTROSPECTION_DISABLED']);

/** The code a validation rule put on its own error; Apollo Server overwrites it. */
function validationRuleCode(error: unknown): string | undefined {
  const extensions = (error as { originalError?: { extensions?: Extensions } } | null)?.originalError?.extensions;
  const code = extensions?.code ?? extensions?.validationErrorCode;
  return RULE_CODES.has(code) ? (code as string) : undefined;
}

/** Gives a request-level error its specific code and a message fit for clients. */
function specialise(code: string, message: string, error: unknown): { code: string; message: string } {
  if (code === 'GRAPHQL_VALIDATION_FAILED') {
    const ruleCode = validationRuleCode(error);
    if (ruleCode === GatewayErrorCode.INTROSPECTION_DISABLED) {
      return { code: ruleCode, message: 'Introspection is disabled.' };
    }
    if (ruleCode) return { code: ruleCode, message };
  }
  if (code === 'GRAPHQL_PARSE_FAILED') {
    const limit = tokenLimitOf(message);
    if (limit !== undefined) return { code: GatewayErrorCode.TOO_MANY_TOKENS, message: tokenLimitMessage(limit) };
  }
  if (code === 'BAD_REQUEST' && message === 'Operation batching disabled.') {
    return {
      code: GatewayErrorCode.BATCHING_NOT_SUPPORTED,
      message: 'Batched requests (a JSON array body) are not supported; send one operation per request.',
    };
  }
  return { code, message };
}

/** `retryAfterSeconds` travels on with RATE_LIMITED (the client waits; the gateway also sets `Retry-After`). */
function retryAfter(code: string, extensions: Extensions): { retryAfterSeconds?: number } {
  const seconds = extensions.retryAfterSeconds;
  if (code !== 'RATE_LIMITED' || typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0) return {};
  return { retryAfterSeconds: Math.ceil(seconds) };
}

/** A machine-readable token: a field path (`input.budget.max`), a reason or a status. Never free text. */
const TOKEN = /^[A-Za-z0-9_.[\]-]{1,120}$/;

/** Subgraph error details clients act on, passed through when each is a token (or a list of tokens). */
const DETAIL_KEYS = ['field', 'fields', 'reason', 'from', 'to'] as const;

/**
 * The documented details of a subgraph's refusal (which input field, which reason, which
 * transition), kept only when they are plain tokens: a value with spaces or punctuation could
 * be text the caller typed, and personal data never leaves in an error.
 */
function detailsOf(serviceName: string | undefined, extensions: Extensions): Extensions {
  if (serviceName === undefined) return {};
  const details: Extensions = {};
  for (const key of DETAIL_KEYS) {
    const value = extensions[key];
    if (typeof value === 'string' && TOKEN.test(value)) details[key] = value;
    else if (Array.isArray(value) && value.length <= 50 && value.every((v) => typeof v === 'string' && TOKEN.test(v))) details[key] = value;
  }
  return details;
}

/**
 * Apollo Server's `formatError` for the gateway. Every error leaves with a stable
 * `extensions.code` and nothing else but `serviceName` and the refusal's details (`field`,
 * `fields`, `reason`, `from`, `to`, as tokens) when a subgraph raised it (and
 * `retryAfterSeconds` on RATE_LIMITED):
 * - a subgraph's error keeps its code and message, except codes whose message may hold
 *   internals (INTERNAL_SERVER_ERROR, DOWNSTREAM_SERVICE_ERROR), whose message is replaced;
 * - the gateway's own request errors (parse, validation, limits, CSRF, batching) keep their
 *   message and get their specific code;
 * - anything else is unexpected: logged (name and code only) and masked as INTERNAL_SERVER_ERROR.
 */
export function createFormatError(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const extensions: Extensions = formatted.extensions ?? {};
    const serviceName = typeof extensions.serviceName === 'string' ? extensions.serviceName : undefined;
    const rawCode = typeof extensions.code === 'string' ? extensions.code : GatewayErrorCode.INTERNAL_SERVER_ERROR;
    let { code, message } = specialise(rawCode, formatted.message.replace(SUGGESTION, ''), error);

    if (serviceName !== undefined) {
      if (OPAQUE_SUBGRAPH_CODES.has(code)) message = `Internal error in the ${serviceName} service.`;
    } else if (!CLIENT_SAFE_CODES.has(code)) {
      logger.error({ code, error: (error as Error | null)?.name, path: formatted.path }, 'masked an unexpected error');
      code = GatewayErrorCode.INTERNAL_SERVER_ERROR;
      message = 'Internal server error.';
    }

    return {
      message,
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: {
        code,
        ...(serviceName === undefined ? {} : { serviceName }),
        ...detailsOf(serviceName, extensions),
        ...retryAfter(code, extensions),
      },
    };
  };
}
