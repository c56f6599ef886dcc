import { ConfigError } from '@leadgraph/config';
import { describe, expect, it } from 'vitest';
import { loadMailConfig } from '../src/index.ts';

describe('loadMailConfig', () => {
  it('defaults to the local catcher and its ports', () => {
    const config = loadMailConfig({});
    expect(config.SMTP_URL).toBe('smtp://127.0.0.1:1025');
    expect(config.MAIL_CATCHER_SMTP_PORT).toBe(1025);
    expect(config.MAIL_CATCHER_HTTP_PORT).toBe(1080);
    expect(config.MAIL_OUTBOX_MAX_ATTEMPTS).toBe(8);
  });

  it('never prints a bad SMTP_URL, which may hold a password', () => {
    const load = () => loadMailConfig({ SMTP_URL: 'not a url s3cret' });
    expect(load).toThrow(ConfigError);
    const message = String(catchError(load));
    expect(message).toContain('SMTP_URL');
    expect(message).not.toContain('s3cret');
  });
});

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}
