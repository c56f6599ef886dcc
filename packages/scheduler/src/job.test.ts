import { describe, expect, it } from 'vitest';
import { JobError, assertValidJob, errorCode, validateResult } from './job.ts';

describe('errorCode', () => {
  it('keeps a JobError code and a string code, never a message', () => {
    expect(errorCode(new JobError('UPSTREAM_DOWN', 'jane@example.com is gone'))).toBe('UPSTREAM_DOWN');
    expect(errorCode(Object.assign(new Error('connect ECONNREFUSED 10.0.0.1'), { code: 'ECONNREFUSED' }))).toBe('ECONNREFUSED');
  });

  it('names other errors by their class, with a numeric code when they have one', () => {
    expect(errorCode(new TypeError('jane@example.com'))).toBe('TypeError');
    expect(errorCode(Object.assign(new Error('E11000 dup key: { email: "jane@example.com" }'), { name: 'MongoServerError', code: 11000 }))).toBe(
      'MongoServerError:11000',
    );
  });

  it('falls back to UNKNOWN_ERROR for thrown values that are not errors or have unsafe names', () => {
    expect(errorCode('jane@example.com')).toBe('UNKNOWN_ERROR');
    expect(errorCode(null)).toBe('UNKNOWN_ERROR');
    expect(errorCode(Object.assign(new Error('x'), { name: 'has spaces and jane@example.com' }))).toBe('UNKNOWN_ERROR');
  });
});

describe('validateResult', () => {
  it('accepts nothing, or a map of non-negative integer counts', () => {
    expect(validateResult(undefined)).toEqual({});
    expect(validateResult({})).toEqual({});
    expect(validateResult({ removed: { sessions: 3, 'users.anonymized': 0 } })).toEqual({ sessions: 3, 'users.anonymized': 0 });
  });

  it.each([
    ['a value as key', { removed: { 'jane@example.com': 1 } }],
    ['a string count', { removed: { sessions: '3' } }],
    ['a negative count', { removed: { sessions: -1 } }],
    ['a fractional count', { removed: { sessions: 1.5 } }],
    ['an array', { removed: [1] }],
    ['a non-object', 'done'],
  ])('refuses %s with INVALID_RESULT', (_label, result) => {
    expect(() => validateResult(result)).toThrow(expect.objectContaining({ code: 'INVALID_RESULT' }));
  });
});

describe('assertValidJob', () => {
  const handler = async () => undefined;
  it('accepts a well-formed job and refuses bad names and durations', () => {
    expect(() => assertValidJob({ name: 'retention.sessions', intervalMs: 60_000, handler })).not.toThrow();
    expect(() => assertValidJob({ name: '', intervalMs: 1, handler })).toThrow(TypeError);
    expect(() => assertValidJob({ name: 'ok', intervalMs: 1.5, handler })).toThrow(TypeError);
    expect(() => assertValidJob({ name: 'ok', intervalMs: 1, leaseMs: 0, handler })).toThrow(TypeError);
    expect(() => assertValidJob({ name: 'ok', intervalMs: 1, retryDelayMs: -5, handler })).toThrow(TypeError);
  });
});
