import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, DERIVED_PERSONAL_KEYS, dropKeys } from './index.ts';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, destination };
}

describe('createLogger', () => {
  it('writes structured JSON lines naming the service', () => {
    const { lines, destination } = capture();
    createLogger('users', { level: 'info', destination }).info({ userId: 'u1' }, 'signed in');
    const line = JSON.parse(lines[0]!);
    expect(line).toMatchObject({ service: 'users', level: 'info', userId: 'u1', msg: 'signed in' });
  });

  it('removes personal data at the top level and one object down', () => {
    const { lines, destination } = capture();
    const log = createLogger('users', { level: 'info', destination });
    log.info({ email: 'ann@example.com', user: { name: 'Ann Smith', phone: '+44 7700 900123', id: 'u1' } });
    const text = lines.join('');
    expect(text).not.toContain('ann@example.com');
    expect(text).not.toContain('Ann Smith');
    expect(text).not.toContain('7700');
    expect(JSON.parse(lines[0]!).user).toEqual({ id: 'u1' });
  });
});

describe('redaction derived from the declarations', () => {
  it('removes derived personal keys at any depth, keeps ids and codes', () => {
    const { lines, destination } = capture();
    const log = createLogger('users', { level: 'info', destination });
    expect(DERIVED_PERSONAL_KEYS).toContain('email');
    log.info({ page: { items: [{ id: 'u1', profile: { contact: { email: 'ann@example.com' } } }] }, code: 'OK' });
    const line = JSON.parse(lines[0]!);
    expect(lines[0]).not.toContain('ann@example.com');
    expect(line.code).toBe('OK');
  });

  it('takes extra keys per logger', () => {
    const { lines, destination } = capture();
    createLogger('users', { level: 'info', destination, redactKeys: ['nickname'] }).info({ user: { a: { nickname: 'Annie' } } });
    expect(lines[0]).not.toContain('Annie');
  });
});

describe('dropKeys', () => {
  it('copies only what it changes, and leaves non-plain objects to the serializers', () => {
    const untouched = { a: 1, b: [{ c: 2 }] };
    expect(dropKeys(untouched, new Set(['email']))).toBe(untouched);
    const error = new Error('boom');
    const input = { err: error, nested: [{ email: 'x@example.com', id: 1 }] };
    expect(dropKeys(input, new Set(['email']))).toEqual({ err: error, nested: [{ id: 1 }] });
    expect(input.nested[0]).toHaveProperty('email');
  });
});
