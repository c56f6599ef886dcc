import { createLogger } from '@leadgraph/logging';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createFormatError } from './format-error.ts';

const lines: string[] = [];
const logger = createLogger('gateway-test', { level: 'error', destination: { write: (line: string) => void lines.push(line) } });
const format = createFormatError(logger);

describe('createFormatError', () => {
  it("keeps a subgraph's code and message and only code + serviceName in extensions", () => {
    const formatted = format(
      { message: 'Lead not found', path: ['lead'], extensions: { code: 'NOT_FOUND', serviceName: 'leads', extra: 1 } },
      undefined,
    );
    expect(formatted).toEqual({ message: 'Lead not found', path: ['lead'], extensions: { code: 'NOT_FOUND', serviceName: 'leads' } });
  });

  it("passes a subgraph refusal's details on when they are tokens, and drops free text", () => {
    const formatted = format(
      {
        message: 'Invalid input: input.budget.max',
        extensions: { code: 'BAD_USER_INPUT', serviceName: 'leads', field: 'input.budget.max', fields: ['input.budget.max', 'input.dates[0]'], reason: 'jane@example.com wrote this' },
      },
      undefined,
    );
    expect(formatted.extensions).toEqual({ code: 'BAD_USER_INPUT', serviceName: 'leads', field: 'input.budget.max', fields: ['input.budget.max', 'input.dates[0]'] });
    const transition = format({ message: 'Not allowed', extensions: { code: 'INVALID_TRANSITION', serviceName: 'leads', from: 'OPEN', to: 'COMPLETED', reason: 'INVALID_TRANSITION' } }, undefined);
    expect(transition.extensions).toEqual({ code: 'INVALID_TRANSITION', serviceName: 'leads', from: 'OPEN', to: 'COMPLETED', reason: 'INVALID_TRANSITION' });
  });

  it('gives no details to an error the gateway raised itself', () => {
    expect(format({ message: 'Bad input', extensions: { code: 'BAD_USER_INPUT', field: 'x' } }, undefined).extensions).toEqual({ code: 'BAD_USER_INPUT' });
  });

  it("replaces the message of a subgraph's internal error but keeps its code", () => {
    for (const code of ['INTERNAL_SERVER_ERROR', 'DOWNSTREAM_SERVICE_ERROR']) {
      const formatted = format({ message: 'E11000 duplicate key dup key: { email: "a@b.c" }', extensions: { code, serviceName: 'users' } }, undefined);
      expect(formatted).toEqual({ message: 'Internal error in the users service.', extensions: { code, serviceName: 'users' } });
    }
  });

  it('masks an unexpected gateway error and logs its name and code only', () => {
    lines.length = 0;
    const error = new GraphQLError('Expected "data._entities" to contain 3 elements');
    const formatted = format({ message: error.message, extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at x'] } }, error);
    expect(formatted).toEqual({ message: 'Internal server error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(/_entities/);
    expect(JSON.parse(lines[0]!)).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', error: 'GraphQLError' });
  });

  it('masks a gateway error with a code it does not know', () => {
    expect(format({ message: 'secret', extensions: { code: 'SOMETHING_ELSE' } }, undefined)).toEqual({
      message: 'Internal server error.',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });

  it('gives a validation rule its own code back', () => {
    const original = new GraphQLError('Query depth 30 exceeds the maximum of 15.', { extensions: { code: 'QUERY_TOO_DEEP' } });
    const wrapped = new GraphQLError(original.message, { originalError: original, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    expect(format({ message: original.message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }, wrapped).extensions).toEqual({
      code: 'QUERY_TOO_DEEP',
    });
  });

  it('keeps retryAfterSeconds on RATE_LIMITED only, rounded up', () => {
    const limited = format({ message: 'Too many attempts.', extensions: { code: 'RATE_LIMITED', serviceName: 'users', retryAfterSeconds: 41.2 } }, undefined);
    expect(limited.extensions).toEqual({ code: 'RATE_LIMITED', serviceName: 'users', retryAfterSeconds: 42 });
    const other = format({ message: 'No.', extensions: { code: 'FORBIDDEN', serviceName: 'users', retryAfterSeconds: 5 } }, undefined);
    expect(other.extensions).toEqual({ code: 'FORBIDDEN', serviceName: 'users' });
  });
});
