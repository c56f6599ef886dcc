import type { Logger } from '@leadgraph/logging';
import { assertUnreachable, createFormatError as createServiceFormatError, type ClientError } from '@leadgraph/service-kit';

/** What can go wrong in the reviews domain, as stable codes. */
export enum ReviewsErrorCode {
  /** An id argument is not a 24-character hexadecimal ObjectId. */
  InvalidId = 'INVALID_ID',
  /** An `after` cursor is not one this subgraph produced. */
  InvalidCursor = 'INVALID_CURSOR',
  /** `first` is outside 1..100. */
  PageSizeOutOfRange = 'PAGE_SIZE_OUT_OF_RANGE',
  /** An input fails its schema (rating outside 1..5, body too short...); `fields` names which. */
  InvalidInput = 'INVALID_INPUT',
  /**
   * The caller may not review this lead: unknown lead, not their lead, not completed, nobody
   * hired. One code and one message for all, so a stranger learns nothing about the lead.
   */
  NotEligible = 'NOT_ELIGIBLE',
  /** The lead already has its review. */
  AlreadyReviewed = 'ALREADY_REVIEWED',
  /** The pro already answered this review. */
  AlreadyReplied = 'ALREADY_REPLIED',
  /** No such review (or hidden, for a caller who is not an admin). */
  NotFound = 'NOT_FOUND',
  /** Only the reviewed pro may answer a review. */
  NotReviewedPro = 'NOT_REVIEWED_PRO',
  /** Hidden or all reviews were asked for by a caller who is not an admin. */
  HiddenReviewsForAdmins = 'HIDDEN_REVIEWS_FOR_ADMINS',
  /** Hiding a review that is already hidden. */
  AlreadyHidden = 'ALREADY_HIDDEN',
  /** Unhiding a review that is visible. */
  NotHidden = 'NOT_HIDDEN',
}

/** A domain error: a safe message for the client, a code and, for bad input, the fields at fault. */
export class ReviewsError extends Error {
  override name = 'ReviewsError';
  constructor(
    readonly code: ReviewsErrorCode,
    message: string,
    readonly fields?: readonly string[],
  ) {
    super(message);
  }
}

export type ReviewsExtensionsCode =
  | 'BAD_USER_INPUT'
  | 'NOT_ELIGIBLE'
  | 'ALREADY_REVIEWED'
  | 'ALREADY_REPLIED'
  | 'NOT_FOUND'
  | 'FORBIDDEN'
  | 'ALREADY_HIDDEN'
  | 'NOT_HIDDEN';

/** The one place a domain code becomes a GraphQL `extensions.code`. */
export function extensionsCode(code: ReviewsErrorCode): ReviewsExtensionsCode {
  switch (code) {
    case ReviewsErrorCode.InvalidId:
    case ReviewsErrorCode.InvalidCursor:
    case ReviewsErrorCode.PageSizeOutOfRange:
    case ReviewsErrorCode.InvalidInput:
      return 'BAD_USER_INPUT';
    case ReviewsErrorCode.NotEligible:
      return 'NOT_ELIGIBLE';
    case ReviewsErrorCode.AlreadyReviewed:
      return 'ALREADY_REVIEWED';
    case ReviewsErrorCode.AlreadyReplied:
      return 'ALREADY_REPLIED';
    case ReviewsErrorCode.NotFound:
      return 'NOT_FOUND';
    case ReviewsErrorCode.NotReviewedPro:
    case ReviewsErrorCode.HiddenReviewsForAdmins:
      return 'FORBIDDEN';
    case ReviewsErrorCode.AlreadyHidden:
      return 'ALREADY_HIDDEN';
    case ReviewsErrorCode.NotHidden:
      return 'NOT_HIDDEN';
    default:
      return assertUnreachable(code);
  }
}

/** ApolloServer `formatError`: this domain's errors get their mapped code, the domain code as `reason`, and `fields` for bad input. */
export function createFormatError(logger: Logger) {
  return createServiceFormatError(logger, (error): ClientError | null =>
    error instanceof ReviewsError
      ? {
          code: extensionsCode(error.code),
          reason: error.code,
          message: error.message,
          ...(error.fields === undefined ? {} : { extensions: { fields: [...error.fields] } }),
        }
      : null,
  );
}
