import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKOFF, backoffDelay, isPermanentSendError, sendErrorCode } from '../src/index.ts';

describe('backoffDelay', () => {
  it('doubles from the base delay', () => {
    const options = { baseMs: 100, maxMs: 10_000 };
    expect([1, 2, 3, 4, 5].map((a) => backoffDelay(a, options))).toEqual([100, 200, 400, 800, 1600]);
  });

  it('is capped at maxMs, even for huge attempt counts', () => {
    const options = { baseMs: 100, maxMs: 1000 };
    expect(backoffDelay(5, options)).toBe(1000);
    expect(backoffDelay(10_000, options)).toBe(1000);
    expect(backoffDelay(10_000)).toBe(DEFAULT_BACKOFF.maxMs);
  });

  it('rejects attempts below 1', () => {
    expect(() => backoffDelay(0)).toThrow(RangeError);
    expect(() => backoffDelay(1.5)).toThrow(RangeError);
  });
});

describe('sendErrorCode', () => {
  it('keeps the nodemailer code and the SMTP reply code, never the message', () => {
    const error = Object.assign(new Error('550 <ann@example.test> mailbox unavailable'), {
      code: 'EENVELOPE',
      responseCode: 550,
    });
    expect(sendErrorCode(error)).toBe('EENVELOPE:SMTP_550');
  });

  it('falls back to UNKNOWN for anything without a clean code', () => {
    expect(sendErrorCode(new Error('boom'))).toBe('UNKNOWN');
    expect(sendErrorCode({ code: 'ann@example.test' })).toBe('UNKNOWN');
    expect(sendErrorCode(null)).toBe('UNKNOWN');
  });
});

describe('isPermanentSendError', () => {
  it('treats 5xx replies as permanent, connection errors and 4xx as temporary', () => {
    expect(isPermanentSendError({ code: 'EENVELOPE', responseCode: 550 })).toBe(true);
    expect(isPermanentSendError({ code: 'EENVELOPE', responseCode: 452 })).toBe(false);
    expect(isPermanentSendError({ code: 'ESOCKET' })).toBe(false);
    expect(isPermanentSendError(undefined)).toBe(false);
  });
});
