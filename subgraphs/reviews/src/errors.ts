import type { Logger } from '@leadgraph/logging';
import { assertUnreachable, createFormatError as createServiceFormatError } from '@leadgraph/service-kit';

/** What can go wrong in the reviews domain, as stable codes. */
export enum ReviewsErrorCode {
  /** An id argument is not a 24-character hexadecimal ObjectId. */
  InvalidId = 'INVALID_ID',
  /** An `after` cursor is not one this subgraph produced. */
  InvalidCursor = 'INVALID_CURSOR',
  /** `first` is outside 1..100. */
  PageSizeOutOfRange = 'PAGE_SIZE_OUT_OF_RANGE',
}

/** A domain error: a safe message for the client and a code. */
export class ReviewsError extends Error {
  override name = 'ReviewsError';
  constructor(
    readonly code: ReviewsErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The one place a domain code becomes a GraphQL `extensions.code`. */
export function extensionsCode(code: ReviewsErrorCode): 'BAD_USER_INPUT' {
  switch (code) {
    case ReviewsErrorCode.InvalidId:
    case ReviewsErrorCode.InvalidCursor:
    case ReviewsErrorCode.PageSizeOutOfRange:
      return 'BAD_USER_INPUT';
    default:
      return assertUnreachable(code);
  }
}

/** ApolloServer `formatError`: this domain's errors get their mapped code and the domain code as `reason`. */
export function createFormatError(logger: Logger) {
  return createServiceFormatError(logger, (error) =>
    error instanceof ReviewsError
      ? { code: extensionsCode(error.code), reason: error.code, message: error.message }
      : null,
  );
}
