import type { Logger } from '@leadgraph/logging';
import { assertUnreachable, createFormatError as createServiceFormatError } from '@leadgraph/service-kit';

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

/** The one place a domain code becomes a GraphQL `extensions.code`. */
export function extensionsCode(code: PrivacyErrorCode): 'BAD_USER_INPUT' {
  switch (code) {
    case PrivacyErrorCode.InvalidId:
      return 'BAD_USER_INPUT';
    default:
      return assertUnreachable(code);
  }
}

/** ApolloServer `formatError`: this domain's errors get their mapped code and the domain code as `reason`. */
export function createFormatError(logger: Logger) {
  return createServiceFormatError(logger, (error) =>
    error instanceof PrivacyError
      ? { code: extensionsCode(error.code), reason: error.code, message: error.message }
      : null,
  );
}
