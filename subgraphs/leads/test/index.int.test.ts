import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MongoHandle } from '@leadgraph/db';
import { startTestDatabase, uniqueDbName } from '@leadgraph/testing';

const ENTRY = fileURLToPath(new URL('../src/index.ts', import.meta.url));

let mongo: MongoHandle;
beforeAll(async () => {
  mongo = await startTestDatabase();
});
afterAll(() => mongo.stop());

describe('leads subgraph process (src/index.ts)', () => {
  it('starts from configuration, logs where it listens, and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', ENTRY], {
      env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', MONGODB_URI: mongo.uri, MONGODB_DB: uniqueDbName('leads_proc') },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    // 'close', not 'exit': it comes after stdout is drained, so the last log line has been read.
    const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
    const lines = createInterface({ input: child.stdout });
    const logged: Array<Record<string, unknown>> = [];
    const listening = await new Promise<Record<string, unknown>>((resolve, reject) => {
      lines.on('line', (line) => {
        const entry = JSON.parse(line) as Record<string, unknown>;
        logged.push(entry);
        if (typeof entry.url === 'string') resolve(entry);
      });
      void exited.then((code) => reject(new Error(`exited early with ${code}`)));
    });
    expect(logged[0]).toMatchObject({ mongo: 'uri', msg: 'MongoDB: using MONGODB_URI' });
    const base = String(listening.url).replace(/\/graphql$/, '');
    expect((await fetch(`${base}/health`)).status).toBe(200);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(logged.at(-1), JSON.stringify(logged)).toMatchObject({ msg: 'stopped' });
  });
});
