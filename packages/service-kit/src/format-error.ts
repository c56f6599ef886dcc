import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import type { Logger } from '@leadgraph/logging';

/** A domain error as the client may see it: a stable code, the domain's reason, a safe message. */
export interface ClientError {
  code: string;
  reason?: string;
  message: string;
  extensions?: Record<string, unknown>;
}

/**
 * By class name, not `instanceof`: graphql ships CommonJS and ESM builds, and a test runner may
 * load both, so one error class can have two identities.
 */
function isGraphQLError(error: unknown): error is GraphQLError {
  if (!(error instanceof Error)) return false;
  // Apollo's own subclasses (ValidationError, UserInputError...) rename themselves: walk the chain.
  for (let proto: unknown = Object.getPrototypeOf(error); proto != null; proto = Object.getPrototypeOf(proto)) {
    if ((proto as { constructor?: { name?: string } }).constructor?.name === 'GraphQLError') return true;
  }
  return false;
}

/** The error a resolver threw, out of the GraphQLError that execution wrapped it in. */
function unwrapResolverError(error: unknown): unknown {
  return isGraphQLError(error) && error.path !== undefined && error.originalError != null ? error.originalError : error;
}

export function assertUnreachable(value: never): never {
  throw new Error(`Unhandled case: ${String(value)}`);
}

/**
 * ApolloServer `formatError` for a service. `toClientError` recognises the service's own
 * domain errors (its one mapping place); GraphQL's own errors (parse, validation, variables)
 * pass through; anything else is logged by name and stack only (a message may hold personal
 * data) and shown as a bare INTERNAL_SERVER_ERROR.
 */
export function createFormatError(logger: Logger, toClientError: (error: unknown) => ClientError | null) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const { locations, path } = formatted;
    const known = toClientError(original);
    if (known !== null) {
      const reason = known.reason === undefined ? {} : { reason: known.reason };
      return { message: known.message, locations, path, extensions: { code: known.code, ...reason, ...known.extensions } };
    }
    if (isGraphQLError(original)) return formatted;
    const stack = original instanceof Error ? original.stack?.split('\n').slice(1).join('\n') : undefined;
    logger.error({ errorName: original instanceof Error ? original.name : typeof original, path, stack }, 'unhandled error');
    return { message: 'Internal server error', locations, path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}
