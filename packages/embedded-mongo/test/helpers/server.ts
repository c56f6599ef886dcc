// Shared helpers for the embedded server's integration tests: every test file starts its own
// server on 127.0.0.1, port 0, and removes whatever it created.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MongoClient } from 'mongodb';
import type { MongoClientOptions } from 'mongodb';
import { start } from '../../src/index.ts';
import type { EmbeddedMongo, StartOptions } from '../../src/index.ts';

export const packageDir = fileURLToPath(new URL('../..', import.meta.url));
export const repoRoot = path.resolve(packageDir, '../..');
export const cliPath = path.join(packageDir, 'src', 'cli.ts');

export interface TestServer {
  server: EmbeddedMongo;
  client: MongoClient;
  stop(): Promise<void>;
}

/** Starts a server (memory unless dbPath is given) and a connected driver client. */
export async function startServer(options: StartOptions = {}, clientOptions: MongoClientOptions = {}): Promise<TestServer> {
  const server = await start({ port: 0, host: '127.0.0.1', quiet: true, ...options });
  const client = new MongoClient(server.uri, { serverSelectionTimeoutMS: 5_000, ...clientOptions });
  await client.connect();
  return {
    server,
    client,
    async stop() {
      await client.close().catch(() => undefined);
      await server.stop();
    },
  };
}

export async function makeTempDir(prefix: string): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), `leadgraph-emb-${prefix}-`));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Runs `fn`, returning the thrown error; fails if nothing was thrown. */
export async function errorOf(fn: () => Promise<unknown>): Promise<Record<string, unknown> & Error> {
  try {
    await fn();
  } catch (err) {
    return err as Record<string, unknown> & Error;
  }
  throw new Error('expected the operation to fail, but it succeeded');
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `check` until it returns true or `timeoutMs` passes; returns the last result. */
export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, everyMs = 100): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await sleep(everyMs);
  }
}

/** A schema-less document type whose `_id` may be anything (numbers, strings, objects). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyDoc = { _id?: string | number | object | null; [key: string]: any };
