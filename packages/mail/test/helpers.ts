import { createLogger, type Logger } from '@leadgraph/logging';
import { startTestDatabase, uniqueDbName } from '@leadgraph/testing';
import mongoose, { type Connection } from 'mongoose';
import { onTestFinished } from 'vitest';
import { createTransport, startMailCatcher, type MailCatcher, type MailTransport } from '../src/index.ts';

type MongoHandle = Awaited<ReturnType<typeof startTestDatabase>>;

/** One database server per test file; each test gets its own database on it. */
export function databaseServer() {
  let handle: MongoHandle | undefined;
  return {
    async start() {
      handle = await startTestDatabase();
    },
    async stop() {
      await handle?.stop();
    },
    /** A fresh database for the calling test, closed when it ends. `sameAs` opens a second connection to another test db. */
    async connect(dbName = uniqueDbName('mail')): Promise<Connection> {
      if (!handle) throw new Error('databaseServer().start() first');
      const db = await mongoose.createConnection(handle.uri, { dbName, serverSelectionTimeoutMS: 5_000 }).asPromise();
      onTestFinished(() => db.close());
      return db;
    },
  };
}

/** A real catcher on free loopback ports, stopped when the test ends (stopping twice is fine). */
export async function catcher(smtpPort = 0): Promise<MailCatcher> {
  const started = await startMailCatcher({ smtpPort, httpPort: 0 });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await started.stop();
  };
  onTestFinished(stop);
  return { ...started, stop };
}

/** A real SMTP transport to `smtpUrl`, with short timeouts, closed when the test ends. */
export function transportTo(smtpUrl: string): MailTransport {
  const transport = createTransport(smtpUrl, { from: 'leadgraph <no-reply@leadgraph.test>', timeoutMs: 3_000 });
  onTestFinished(() => transport.close());
  return transport;
}

/** The port of an SMTP URL. */
export function portOf(smtpUrl: string): number {
  return Number(new URL(smtpUrl).port);
}

/** A logger whose JSON lines are kept in memory, at the most verbose level. */
export function capturingLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const logger = createLogger('mail-test', { level: 'trace', destination: { write: (line: string) => lines.push(line) } });
  return { logger, lines };
}

export const silentLogger = createLogger('mail-test', { level: 'silent' });

/** Polls `check` until it returns true, failing after `timeoutMs`. */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(20);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export const verifyData = (n: number | string) => ({
  name: `User ${n}`,
  verifyUrl: `https://app.leadgraph.test/verify?token=tok-${n}`,
});
