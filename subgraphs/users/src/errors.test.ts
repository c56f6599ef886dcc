import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { describe, expect, it, vi } from 'vitest';
import { AuthError, AuthErrorCode } from '@leadgraph/auth';
import type { Logger } from '@leadgraph/logging';
import { UsersError, UsersErrorCode, authExtensionsCode, createFormatError, extensionsCode } from './errors.ts';

const formatted: GraphQLFormattedError = { message: 'raw', path: ['user'], locations: [{ line: 1, column: 3 }] };

function fakeLogger() {
  return { error: vi.fn() } as unknown as Logger & { error: ReturnType<typeof vi.fn> };
}

describe('extensionsCode', () => {
  it.each([
    [UsersErrorCode.InvalidId, 'BAD_USER_INPUT'],
    [UsersErrorCode.InvalidCursor, 'BAD_USER_INPUT'],
    [UsersErrorCode.PageSizeOutOfRange, 'BAD_USER_INPUT'],
    [UsersErrorCode.InvalidInput, 'BAD_USER_INPUT'],
    [UsersErrorCode.EmailNotVerified, 'EMAIL_NOT_VERIFIED'],
    [UsersErrorCode.NotAllowed, 'FORBIDDEN'],
    [UsersErrorCode.NotFound, 'NOT_FOUND'],
    [UsersErrorCode.InvalidTransition, 'CONFLICT'],
    [UsersErrorCode.InvalidImage, 'BAD_USER_INPUT'],
    [UsersErrorCode.ImageTooLarge, 'BAD_USER_INPUT'],
    [UsersErrorCode.ContentTypeMismatch, 'BAD_USER_INPUT'],
    [UsersErrorCode.TooManyImages, 'BAD_USER_INPUT'],
    [UsersErrorCode.DuplicateImage, 'BAD_USER_INPUT'],
    [UsersErrorCode.InvalidBankAccount, 'BAD_USER_INPUT'],
    [UsersErrorCode.NoPayoutAccount, 'BAD_USER_INPUT'],
    [UsersErrorCode.InvalidUnsubscribeToken, 'BAD_USER_INPUT'],
  ])('maps %s to %s', (code, expected) => {
    expect(extensionsCode(code)).toBe(expected);
  });

  it('covers every code', () => {
    for (const code of Object.values(UsersErrorCode)) expect(extensionsCode(code)).toMatch(/^[A-Z_]+$/);
  });
});

describe('authExtensionsCode', () => {
  it.each(Object.values(AuthErrorCode))('maps %s to the same client code', (code) => {
    expect(authExtensionsCode(code)).toBe(code);
  });
});

describe('formatError', () => {
  it('gives an auth error its code and only its safe details (retryAfterSeconds, problem codes)', () => {
    const format = createFormatError(fakeLogger());
    const limited = new GraphQLError('wrapped', { path: ['signIn'], originalError: new AuthError(AuthErrorCode.RateLimited, { retryAfterSeconds: 60 }) });
    expect(format(formatted, limited)).toEqual({
      message: 'Too many attempts. Please wait and try again.',
      path: ['user'],
      locations: [{ line: 1, column: 3 }],
      extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 60 },
    });
    const weak = new GraphQLError('wrapped', { path: ['signUp'], originalError: new AuthError(AuthErrorCode.WeakPassword, { problems: ['TOO_SHORT'] }) });
    expect(format(formatted, weak).extensions).toEqual({ code: 'WEAK_PASSWORD', problems: ['TOO_SHORT'] });
  });

  it("passes Apollo's renamed GraphQLError subclasses (validation) through", () => {
    class ValidationError extends GraphQLError {
      override name = 'ValidationError';
    }
    const own = { message: 'Cannot query field', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } };
    const logger = fakeLogger();
    expect(createFormatError(logger)(own, new ValidationError('Cannot query field'))).toBe(own);
    expect(logger.error).not.toHaveBeenCalled();
  });

  it('gives a domain error its code, its reason and its message', () => {
    const format = createFormatError(fakeLogger());
    const error = new GraphQLError('wrapped', { path: ['user'], originalError: new UsersError(UsersErrorCode.InvalidId, 'Invalid user id') });
    expect(format(formatted, error)).toEqual({
      message: 'Invalid user id',
      path: ['user'],
      locations: [{ line: 1, column: 3 }],
      extensions: { code: 'BAD_USER_INPUT', reason: 'INVALID_ID' },
    });
  });

  it('hides an unexpected error behind INTERNAL_SERVER_ERROR and logs it without its message', () => {
    const logger = fakeLogger();
    const error = new GraphQLError('wrapped', { path: ['user'], originalError: new Error('connection to 10.0.0.5 refused for alice@example.com') });
    const result = format(createFormatError(logger), error);
    expect(result).toEqual({
      message: 'Internal server error',
      path: ['user'],
      locations: [{ line: 1, column: 3 }],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(JSON.stringify(result)).not.toContain('alice');
    expect(logger.error).toHaveBeenCalledTimes(1);
    expect(JSON.stringify(logger.error.mock.calls)).not.toContain('alice@example.com');
  });

  it('passes GraphQL errors (validation, variables) through unchanged', () => {
    const own = { message: 'Unknown argument', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } };
    expect(createFormatError(fakeLogger())(own, new GraphQLError('Unknown argument'))).toBe(own);
  });
});

function format(fn: ReturnType<typeof createFormatError>, error: unknown) {
  return fn(formatted, error);
}
