import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import { AuthErrorCode, isAuthError } from '@leadgraph/auth';
import type { Logger } from '@leadgraph/logging';

/** What can go wrong in the users domain, as stable codes. */
export enum UsersErrorCode {
  /** An id argument is not a 24-character hexadecimal ObjectId. */
  InvalidId = 'INVALID_ID',
  /** An `after` cursor is not one this subgraph produced. */
  InvalidCursor = 'INVALID_CURSOR',
  /** `first` is outside 1..100. */
  PageSizeOutOfRange = 'PAGE_SIZE_OUT_OF_RANGE',
  /** An argument fails its service's input schema (too long, wrong shape). */
  InvalidInput = 'INVALID_INPUT',
  /** Right password, but the address is not confirmed yet. */
  EmailNotVerified = 'EMAIL_NOT_VERIFIED',
}

/** A domain error: a safe message for the client and a code. */
export class UsersError extends Error {
  override name = 'UsersError';
  constructor(
    readonly code: UsersErrorCode,
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
  if (!(error instanceof Error)) return false;
  // Apollo's own subclasses (ValidationError, UserInputError...) rename themselves: walk the chain.
  for (let proto: unknown = Object.getPrototypeOf(error); proto !== null && proto !== undefined; proto = Object.getPrototypeOf(proto)) {
    if ((proto as { constructor?: { name?: string } }).constructor?.name === 'GraphQLError') return true;
  }
  return false;
}

/** The error a resolver threw, out of the GraphQLError that execution wrapped it in. */
function unwrapResolverError(error: unknown): unknown {
  return isGraphQLError(error) && error.path !== undefined && error.originalError != null ? error.originalError : error;
}

function assertUnreachable(value: never): never {
  throw new Error(`Unhandled error code: ${String(value)}`);
}

/** The one place a domain code becomes a GraphQL `extensions.code`. */
export function extensionsCode(code: UsersErrorCode): 'BAD_USER_INPUT' | 'EMAIL_NOT_VERIFIED' {
  switch (code) {
    case UsersErrorCode.InvalidId:
    case UsersErrorCode.InvalidCursor:
    case UsersErrorCode.PageSizeOutOfRange:
    case UsersErrorCode.InvalidInput:
      return 'BAD_USER_INPUT';
    case UsersErrorCode.EmailNotVerified:
      return 'EMAIL_NOT_VERIFIED';
    default:
      return assertUnreachable(code);
  }
}

/**
 * The one place an `@leadgraph/auth` code becomes an `extensions.code` (the gateway forwards
 * `code` and `retryAfterSeconds` only). Today each keeps its name; the switch makes a new
 * AuthErrorCode a compile error here until it is mapped.
 */
export function authExtensionsCode(code: AuthErrorCode): string {
  switch (code) {
    case AuthErrorCode.InvalidCredentials:
      return 'INVALID_CREDENTIALS';
    case AuthErrorCode.WeakPassword:
      return 'WEAK_PASSWORD';
    case AuthErrorCode.RateLimited:
      return 'RATE_LIMITED';
    case AuthErrorCode.TokenInvalid:
      return 'TOKEN_INVALID';
    case AuthErrorCode.Underage:
      return 'UNDERAGE';
    case AuthErrorCode.InvalidDateOfBirth:
      return 'INVALID_DATE_OF_BIRTH';
    case AuthErrorCode.InvalidEmail:
      return 'INVALID_EMAIL';
    case AuthErrorCode.EmailTaken:
      return 'EMAIL_TAKEN';
    case AuthErrorCode.ReauthRequired:
      return 'REAUTH_REQUIRED';
    case AuthErrorCode.Unauthenticated:
      return 'UNAUTHENTICATED';
    default:
      return assertUnreachable(code);
  }
}

/** Safe details of an auth error worth a client's while: the retry delay, the password problems (codes only). */
function authDetails(details: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (typeof details.retryAfterSeconds === 'number') out.retryAfterSeconds = details.retryAfterSeconds;
  if (Array.isArray(details.problems)) {
    out.problems = details.problems.map((p: unknown) => (typeof p === 'object' && p !== null ? (p as { code?: unknown }).code : p));
  }
  return out;
}

/**
 * ApolloServer `formatError`: domain and auth errors get their mapped code and the domain code as
 * `extensions.reason`; GraphQL's own errors (parse, validation, variables) pass through;
 * anything else is logged (name and stack, no message: it may hold data) and shown as a
 * bare INTERNAL_SERVER_ERROR.
 */
export function createFormatError(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const { locations, path } = formatted;
    if (original instanceof UsersError) {
      return { message: original.message, locations, path, extensions: { code: extensionsCode(original.code), reason: original.code } };
    }
    if (isAuthError(original)) {
      return { message: original.message, locations, path, extensions: { code: authExtensionsCode(original.code), ...authDetails(original.details) } };
    }
    if (isGraphQLError(original)) return formatted;
    const stack = original instanceof Error ? original.stack?.split('\n').slice(1).join('\n') : undefined;
    logger.error({ errorName: original instanceof Error ? original.name : typeof original, path, stack }, 'unhandled error');
    return { message: 'Internal server error', locations, path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}
