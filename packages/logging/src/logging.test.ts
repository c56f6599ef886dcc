import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './index.ts';

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
