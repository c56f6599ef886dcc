import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import type { Logger } from '@leadgraph/logging';

/** What can go wrong in the privacy domain, as stable codes. */
export enum PrivacyErrorCode {
  /** An id argument is not a 24-character hexadecimal ObjectId. */
  InvalidId = 'INVALID_ID',
}

/** A domain error: a safe message for the client and a code. */
export class PrivacyError extends Error {
  override name = 'PrivacyError';
  constructor(
    readonly code: PrivacyErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * By name, not `instanceof`: graphql ships CommonJS and ESM builds, and a test runner may
 * load both, so one error class can have two identities.
 */
function isGraphQLError(error: unknown): error is GraphQLError {
  return error instanceof Error && error.name === 'GraphQLError';
}

/** The error a resolver threw, out of the GraphQLError that execution wrapped it in. */
function unwrapResolverError(error: unknown): unknown {
  return isGraphQLError(error) && error.path !== undefined && error.originalError != null ? error.originalError : error;
}

function assertUnreachable(value: never): never {
  throw new Error(`Unhandled error code: ${String(value)}`);
}

/** The one place a domain code becomes a GraphQL `extensions.code`. */
export function extensionsCode(code: PrivacyErrorCode): 'BAD_USER_INPUT' {
  switch (code) {
    case PrivacyErrorCode.InvalidId:
      return 'BAD_USER_INPUT';
    default:
      return assertUnreachable(code);
  }
}

/**
 * ApolloServer `formatError`: domain errors get their mapped code and the domain code as
 * `extensions.reason`; GraphQL's own errors (parse, validation, variables) pass through;
 * anything else is logged (name and stack, no message: it may hold data) and shown as a
 * bare INTERNAL_SERVER_ERROR.
 */
export function createFormatError(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const { locations, path } = formatted;
    if (original instanceof PrivacyError) {
      return { message: original.message, locations, path, extensions: { code: extensionsCode(original.code), reason: original.code } };
    }
    if (isGraphQLError(original)) return formatted;
    const stack = original instanceof Error ? original.stack?.split('\n').slice(1).join('\n') : undefined;
    logger.error({ errorName: original instanceof Error ? original.name : typeof original, path, stack }, 'unhandled error');
    return { message: 'Internal server error', locations, path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}
