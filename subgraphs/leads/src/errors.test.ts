import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { describe, expect, it, vi } from 'vitest';
import type { Logger } from '@leadgraph/logging';
import { LeadsError, LeadsErrorCode, createFormatError, extensionsCode } from './errors.ts';

const formatted: GraphQLFormattedError = { message: 'raw', path: ['leads'], locations: [{ line: 1, column: 3 }] };

function fakeLogger() {
  return { error: vi.fn() } as unknown as Logger & { error: ReturnType<typeof vi.fn> };
}

describe('extensionsCode', () => {
  it.each([
    [LeadsErrorCode.InvalidId, 'BAD_USER_INPUT'],
    [LeadsErrorCode.InvalidCursor, 'BAD_USER_INPUT'],
    [LeadsErrorCode.PageSizeOutOfRange, 'BAD_USER_INPUT'],
    [LeadsErrorCode.InvalidInput, 'BAD_USER_INPUT'],
    [LeadsErrorCode.NotFound, 'NOT_FOUND'],
    [LeadsErrorCode.ProNotVerified, 'FORBIDDEN'],
    [LeadsErrorCode.InvalidTransition, 'INVALID_TRANSITION'],
    [LeadsErrorCode.LeadFull, 'LEAD_FULL'],
    [LeadsErrorCode.AlreadyResponded, 'ALREADY_RESPONDED'],
    [LeadsErrorCode.AlreadyDisputed, 'ALREADY_DISPUTED'],
    [LeadsErrorCode.NotAskedToAnswer, 'NOT_ASKED_TO_ANSWER'],
    [LeadsErrorCode.AdminReasonRequired, 'FORBIDDEN'],
    [LeadsErrorCode.StatisticsScopeRequired, 'FORBIDDEN'],
  ])('maps %s to %s', (code, expected) => {
    expect(extensionsCode(code)).toBe(expected);
  });

  it('covers every code', () => {
    for (const code of Object.values(LeadsErrorCode)) expect(extensionsCode(code)).toMatch(/^[A-Z_]+$/);
  });
});

describe('formatError', () => {
  it('gives a domain error its code, its reason and its message', () => {
    const format = createFormatError(fakeLogger());
    const error = new GraphQLError('wrapped', { path: ['leads'], originalError: new LeadsError(LeadsErrorCode.InvalidId, 'Invalid leads id') });
    expect(format(formatted, error)).toEqual({
      message: 'Invalid leads id',
      path: ['leads'],
      locations: [{ line: 1, column: 3 }],
      extensions: { code: 'BAD_USER_INPUT', reason: 'INVALID_ID' },
    });
  });

  it('adds the safe extensions of a domain error (the transition, the field)', () => {
    const format = createFormatError(fakeLogger());
    const error = new GraphQLError('wrapped', {
      path: ['closeLead'],
      originalError: new LeadsError(LeadsErrorCode.InvalidTransition, 'A lead cannot go from COMPLETED to CLOSED', { from: 'COMPLETED', to: 'CLOSED' }),
    });
    expect(format(formatted, error).extensions).toEqual({ code: 'INVALID_TRANSITION', reason: 'INVALID_TRANSITION', from: 'COMPLETED', to: 'CLOSED' });
  });
});
