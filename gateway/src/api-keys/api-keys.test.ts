import { describe, expect, it } from 'vitest';
import { createApiKeyRateLimiter } from './rate-limit.ts';
import { readApiKey } from './read-key.ts';

const key = `lg_${'a'.repeat(43)}`;

describe('readApiKey', () => {
  it('reads Bearer (any case) or x-api-key, and the same key in both', () => {
    expect(readApiKey({ authorization: `Bearer ${key}` })).toEqual({ kind: 'key', secret: key });
    expect(readApiKey({ authorization: `bearer   ${key} ` })).toEqual({ kind: 'key', secret: key });
    expect(readApiKey({ 'x-api-key': key })).toEqual({ kind: 'key', secret: key });
    expect(readApiKey({ authorization: `Bearer ${key}`, 'x-api-key': key })).toEqual({ kind: 'key', secret: key });
  });

  it('ignores other schemes and absent headers', () => {
    expect(readApiKey({})).toEqual({ kind: 'none' });
    expect(readApiKey({ authorization: 'Basic dXNlcjpwYXNz' })).toEqual({ kind: 'none' });
    expect(readApiKey({ 'x-api-key': '' })).toEqual({ kind: 'none' });
  });

  it('calls anything else malformed: another prefix, odd characters, too long, two different keys', () => {
    for (const headers of [
      { authorization: 'Bearer abc' },
      { 'x-api-key': 'lg_with space' },
      { 'x-api-key': `lg_${'a'.repeat(300)}` },
      { authorization: `Bearer ${key}`, 'x-api-key': `lg_${'b'.repeat(43)}` },
    ]) {
      expect(readApiKey(headers)).toEqual({ kind: 'malformed' });
    }
  });
});

describe('createApiKeyRateLimiter', () => {
  it('allows a burst, then refills at the sustained rate, per key', () => {
    const limiter = createApiKeyRateLimiter({ perMinute: 60, burst: 2 });
    expect([limiter.take('a', 0), limiter.take('a', 0)]).toEqual([0, 0]);
    expect(limiter.take('a', 0)).toBe(1);
    expect(limiter.take('b', 0)).toBe(0);
    expect(limiter.take('a', 1_000)).toBe(0);
    expect(limiter.take('a', 1_000)).toBe(1);
  });
});
