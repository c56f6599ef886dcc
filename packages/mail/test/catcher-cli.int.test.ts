import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';
import { waitFor } from './helpers.ts';

const cli = fileURLToPath(new URL('../src/catcher-cli.ts', import.meta.url));
const tsx = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));

describe('catcher CLI', () => {
  it('prints the SMTP and page URLs, serves the page, and exits on SIGTERM', async () => {
    const child = spawn(tsx, [cli], {
      env: { ...process.env, MAIL_CATCHER_SMTP_PORT: '0', MAIL_CATCHER_HTTP_PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    onTestFinished(() => {
      if (child.exitCode === null) child.kill('SIGKILL');
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));

    await waitFor(() => out.includes('page: http'), 20_000, 'the CLI to print its URLs');
    expect(out).toMatch(/mail catcher SMTP: smtp:\/\/127\.0\.0\.1:\d+\n/);
    const httpUrl = /page: (http:\/\/\S+)/.exec(out)?.[1] ?? 'missing';
    expect((await fetch(`${httpUrl}/messages`)).status).toBe(200);

    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  });
});
