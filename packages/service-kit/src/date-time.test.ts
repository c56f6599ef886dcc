import { Kind } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DateTime } from './date-time.ts';

describe('DateTime scalar', () => {
  it('serializes a Date as ISO 8601 UTC', () => {
    expect(DateTime.serialize(new Date(Date.UTC(2026, 10, 21, 22, 47, 6)))).toBe('2026-11-21T22:47:06.000Z');
  });

  it('parses an ISO string from variables and literals', () => {
    expect(DateTime.parseValue('2026-11-21T22:47:06Z')).toEqual(new Date(Date.UTC(2026, 10, 21, 22, 47, 6)));
    expect(DateTime.parseLiteral({ kind: Kind.STRING, value: '2026-11-21T22:47:06Z' })).toEqual(
      new Date(Date.UTC(2026, 10, 21, 22, 47, 6)),
    );
  });

  it('refuses what is not a date-time', () => {
    expect(() => DateTime.parseValue('yesterday')).toThrow('DateTime must be an ISO 8601 date-time');
    expect(() => DateTime.parseValue(42)).toThrow('DateTime must be an ISO 8601 date-time');
    expect(() => DateTime.parseLiteral({ kind: Kind.INT, value: '42' })).toThrow('DateTime must be a string');
  });
});
