import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { describe, expect, it, vi } from 'vitest';
import type { Logger } from '@leadgraph/logging';
import { ReviewsError, ReviewsErrorCode, createFormatError, extensionsCode } from './errors.ts';

const formatted: GraphQLFormattedError = { message: 'raw', path: ['reviews'], locations: [{ line: 1, column: 3 }] };

function fakeLogger() {
  return { error: vi.fn() } as unknown as Logger & { error: ReturnType<typeof vi.fn> };
}

describe('extensionsCode', () => {
  it.each([
    [ReviewsErrorCode.InvalidId, 'BAD_USER_INPUT'],
    [ReviewsErrorCode.InvalidCursor, 'BAD_USER_INPUT'],
    [ReviewsErrorCode.PageSizeOutOfRange, 'BAD_USER_INPUT'],
    [ReviewsErrorCode.InvalidInput, 'BAD_USER_INPUT'],
    [ReviewsErrorCode.NotEligible, 'NOT_ELIGIBLE'],
    [ReviewsErrorCode.AlreadyReviewed, 'ALREADY_REVIEWED'],
    [ReviewsErrorCode.AlreadyReplied, 'ALREADY_REPLIED'],
    [ReviewsErrorCode.NotFound, 'NOT_FOUND'],
    [ReviewsErrorCode.NotReviewedPro, 'FORBIDDEN'],
    [ReviewsErrorCode.HiddenReviewsForAdmins, 'FORBIDDEN'],
    [ReviewsErrorCode.AlreadyHidden, 'ALREADY_HIDDEN'],
    [ReviewsErrorCode.NotHidden, 'NOT_HIDDEN'],
  ])('maps %s to %s', (code, expected) => {
    expect(extensionsCode(code)).toBe(expected);
  });

  it('covers every code', () => {
    for (const code of Object.values(ReviewsErrorCode)) expect(extensionsCode(code)).toMatch(/^[A-Z_]+$/);
  });
});

describe('formatError', () => {
  it('gives a domain error its code, its reason and its message', () => {
    const format = createFormatError(fakeLogger());
    const error = new GraphQLError('wrapped', { path: ['reviews'], originalError: new ReviewsError(ReviewsErrorCode.InvalidId, 'Invalid reviews id') });
    expect(format(formatted, error)).toEqual({
      message: 'Invalid reviews id',
      path: ['reviews'],
      locations: [{ line: 1, column: 3 }],
      extensions: { code: 'BAD_USER_INPUT', reason: 'INVALID_ID' },
    });
  });

  it('names the fields of a bad input', () => {
    const format = createFormatError(fakeLogger());
    const error = new GraphQLError('wrapped', {
      path: ['writeReview'],
      originalError: new ReviewsError(ReviewsErrorCode.InvalidInput, 'Invalid value for: rating', ['rating']),
    });
    expect(format(formatted, error).extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'INVALID_INPUT', fields: ['rating'] });
  });
});
