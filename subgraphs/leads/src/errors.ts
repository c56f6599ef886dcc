import type { Logger } from '@leadgraph/logging';
import { assertUnreachable, createFormatError as createServiceFormatError } from '@leadgraph/service-kit';

/** What can go wrong in the leads domain, as stable codes. */
export enum LeadsErrorCode {
  /** An id argument is not a 24-character hexadecimal ObjectId. */
  InvalidId = 'INVALID_ID',
  /** An `after` cursor is not one this subgraph produced. */
  InvalidCursor = 'INVALID_CURSOR',
  /** `first` is outside 1..100. */
  PageSizeOutOfRange = 'PAGE_SIZE_OUT_OF_RANGE',
}

/** A domain error: a safe message for the client and a code. */
export class LeadsError extends Error {
  override name = 'LeadsError';
  constructor(
    readonly code: LeadsErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The one place a domain code becomes a GraphQL `extensions.code`. */
export function extensionsCode(code: LeadsErrorCode): 'BAD_USER_INPUT' {
  switch (code) {
    case LeadsErrorCode.InvalidId:
    case LeadsErrorCode.InvalidCursor:
    case LeadsErrorCode.PageSizeOutOfRange:
      return 'BAD_USER_INPUT';
    default:
      return assertUnreachable(code);
  }
}

/** ApolloServer `formatError`: this domain's errors get their mapped code and the domain code as `reason`. */
export function createFormatError(logger: Logger) {
  return createServiceFormatError(logger, (error) =>
    error instanceof LeadsError
      ? { code: extensionsCode(error.code), reason: error.code, message: error.message }
      : null,
  );
}
