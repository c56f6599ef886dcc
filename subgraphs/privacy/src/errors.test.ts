import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { describe, expect, it, vi } from 'vitest';
import type { Logger } from '@leadgraph/logging';
import { PrivacyError, PrivacyErrorCode, createFormatError, extensionsCode } from './errors.ts';

const formatted: GraphQLFormattedError = { message: 'raw', path: ['privacy'], locations: [{ line: 1, column: 3 }] };

function fakeLogger() {
  return { error: vi.fn() } as unknown as Logger & { error: ReturnType<typeof vi.fn> };
}

describe('extensionsCode', () => {
  it.each([
    [PrivacyErrorCode.InvalidId, 'BAD_USER_INPUT'],
    [PrivacyErrorCode.NecessaryCannotBeRefused, 'BAD_USER_INPUT'],
    [PrivacyErrorCode.ReasonRequired, 'BAD_USER_INPUT'],
    [PrivacyErrorCode.NotFound, 'NOT_FOUND'],
    [PrivacyErrorCode.ConsentRequired, 'CONSENT_REQUIRED'],
    [PrivacyErrorCode.ReauthRequired, 'REAUTH_REQUIRED'],
    [PrivacyErrorCode.InvalidTransition, 'INVALID_TRANSITION'],
    [PrivacyErrorCode.ExportLinkExpired, 'EXPORT_LINK_EXPIRED'],
    [PrivacyErrorCode.ExportFailed, 'EXPORT_FAILED'],
    [PrivacyErrorCode.ErasureFailed, 'ERASURE_FAILED'],
  ])('maps %s to %s', (code, expected) => {
    expect(extensionsCode(code)).toBe(expected);
  });

  it('covers every code', () => {
    for (const code of Object.values(PrivacyErrorCode)) expect(extensionsCode(code)).toMatch(/^[A-Z_]+$/);
  });
});

describe('formatError', () => {
  it('gives a domain error its code, its reason and its message', () => {
    const format = createFormatError(fakeLogger());
    const error = new GraphQLError('wrapped', { path: ['privacy'], originalError: new PrivacyError(PrivacyErrorCode.InvalidId, 'Invalid privacy id') });
    expect(format(formatted, error)).toEqual({
      message: 'Invalid privacy id',
      path: ['privacy'],
      locations: [{ line: 1, column: 3 }],
      extensions: { code: 'BAD_USER_INPUT', reason: 'INVALID_ID' },
    });
  });
});
