import type { IncomingMessage } from 'node:http';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { clientIpOf } from './client-ip.ts';
import { parseHandoff } from './handoff.ts';
import { checkOrigin, parseAllowedOrigins } from './origin.ts';

const request = (headers: Record<string, string>, remoteAddress = '::ffff:10.0.0.5', method = 'POST') =>
  ({ method, headers, socket: { remoteAddress } }) as unknown as IncomingMessage;

describe('parseHandoff', () => {
  it('reads set and clear, and nothing else', () => {
    expect(parseHandoff('{"action":"set","token":"t","expiresAt":"2030-01-01T00:00:00.000Z"}')).toEqual({
      action: 'set',
      token: 't',
      expiresAt: new Date('2030-01-01T00:00:00.000Z'),
    });
    expect(parseHandoff('{"action":"clear"}')).toEqual({ action: 'clear' });
    for (const bad of [null, '', 'not json', '[]', '{"action":"set","token":"t"}', '{"action":"set","token":"t","expiresAt":"soon"}', '{"action":"grant"}']) {
      expect(parseHandoff(bad)).toBeNull();
    }
  });
});

describe('clientIpOf', () => {
  it('uses the socket address (IPv4-mapped as IPv4) and ignores X-Forwarded-For by default', () => {
    expect(clientIpOf(request({ 'x-forwarded-for': '1.2.3.4' }), 0)).toBe('10.0.0.5');
    expect(clientIpOf(request({}, '2001:db8::1'), 0)).toBe('2001:db8::1');
  });

  it('behind N trusted proxies takes the Nth entry from the right', () => {
    const req = request({ 'x-forwarded-for': 'spoofed, 203.0.113.9, 198.51.100.7' });
    expect(clientIpOf(req, 1)).toBe('198.51.100.7');
    expect(clientIpOf(req, 2)).toBe('203.0.113.9');
    expect(clientIpOf(request({}), 1)).toBe('10.0.0.5');
  });
});

describe('checkOrigin', () => {
  const allowed = parseAllowedOrigins('https://app.example');

  it('lets through an allowed Origin, no Origin, and non-POST requests', () => {
    expect(() => checkOrigin(request({ origin: 'https://app.example' }), allowed)).not.toThrow();
    expect(() => checkOrigin(request({}), allowed)).not.toThrow();
    expect(() => checkOrigin(request({ origin: 'https://evil.example' }, '::1', 'GET'), allowed)).not.toThrow();
  });

  it('refuses another Origin, or null, with 403 FORBIDDEN_ORIGIN', () => {
    for (const origin of ['https://evil.example', 'null', 'https://app.example.evil.example']) {
      let thrown: unknown;
      try {
        checkOrigin(request({ origin }), allowed);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(GraphQLError);
      expect((thrown as GraphQLError).extensions).toEqual({ code: 'FORBIDDEN_ORIGIN', http: { status: 403 } });
    }
  });

  it('defaults to the local origins', () => {
    expect(parseAllowedOrigins(undefined).has('http://localhost:4000')).toBe(true);
    expect(parseAllowedOrigins(' ').has('http://localhost:4000')).toBe(true);
  });
});
