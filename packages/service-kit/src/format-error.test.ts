import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { describe, expect, it, vi } from 'vitest';
import type { Logger } from '@leadgraph/logging';
import { createFormatError, type ClientError } from './format-error.ts';

class DomainError extends Error {
  constructor(readonly reason: string) {
    super('Invalid id');
  }
}
const toClientError = (error: unknown): ClientError | null =>
  error instanceof DomainError ? { code: 'BAD_USER_INPUT', reason: error.reason, message: error.message } : null;

const formatted: GraphQLFormattedError = { message: 'raw', path: ['thing'], locations: [{ line: 1, column: 3 }] };

function fakeLogger() {
  return { error: vi.fn() } as unknown as Logger & { error: ReturnType<typeof vi.fn> };
}

describe('createFormatError', () => {
  it('gives a domain error its code, its reason and its message', () => {
    const format = createFormatError(fakeLogger(), toClientError);
    const error = new GraphQLError('wrapped', { path: ['thing'], originalError: new DomainError('INVALID_ID') });
    expect(format(formatted, error)).toEqual({
      message: 'Invalid id',
      path: ['thing'],
      locations: [{ line: 1, column: 3 }],
      extensions: { code: 'BAD_USER_INPUT', reason: 'INVALID_ID' },
    });
  });

  it('hides an unexpected error behind INTERNAL_SERVER_ERROR and logs it without its message', () => {
    const logger = fakeLogger();
    const format = createFormatError(logger, toClientError);
    const error = new GraphQLError('wrapped', { path: ['thing'], originalError: new Error('refused for alice@example.com') });
    const result = format(formatted, error);
    expect(result).toEqual({
      message: 'Internal server error',
      path: ['thing'],
      locations: [{ line: 1, column: 3 }],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(logger.error).toHaveBeenCalledTimes(1);
    expect(JSON.stringify(logger.error.mock.calls)).not.toContain('alice@example.com');
  });

  it("passes Apollo's renamed GraphQLError subclasses (ValidationError) through unchanged", () => {
    class ValidationError extends GraphQLError {
      constructor(message: string) {
        super(message, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
        this.name = 'ValidationError';
      }
    }
    const own = { message: 'Cannot query field', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } };
    const logger = fakeLogger();
    expect(createFormatError(logger, toClientError)(own, new ValidationError('Cannot query field'))).toBe(own);
    expect(logger.error).not.toHaveBeenCalled();
  });

  it('passes GraphQL errors (validation, variables) through unchanged', () => {
    const own = { message: 'Unknown argument', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } };
    expect(createFormatError(fakeLogger(), toClientError)(own, new GraphQLError('Unknown argument'))).toBe(own);
  });
});
