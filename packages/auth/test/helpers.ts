import { createLogger, type Logger } from '@leadgraph/logging';
import { startTestDatabase, uniqueDbName } from '@leadgraph/testing';
import mongoose, { type Connection } from 'mongoose';
import { onTestFinished } from 'vitest';
import type { SessionUser } from '../src/index.ts';

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
    /** A fresh database for the calling test, closed when it ends. */
    async connect(dbName = uniqueDbName('auth'), options: { monitorCommands?: boolean } = {}): Promise<Connection> {
      if (!handle) throw new Error('databaseServer().start() first');
      const db = await mongoose.createConnection(handle.uri, { dbName, serverSelectionTimeoutMS: 5_000, ...options }).asPromise();
      onTestFinished(() => db.close());
      return db;
    },
  };
}

/** A stand-in for the users subgraph's lookup: a map the test edits. */
export function fakeUsers(initial: Record<string, SessionUser> = {}) {
  const users = new Map(Object.entries(initial));
  return {
    users,
    findUser: async (userId: string) => users.get(userId) ?? null,
  };
}

/** A logger whose JSON lines are kept in memory, at the most verbose level. */
export function capturingLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const logger = createLogger('auth-test', { level: 'trace', destination: { write: (line: string) => lines.push(line) } });
  return { logger, lines };
}

/** A user id like the users subgraph's (ObjectId hex). */
export function userId(): string {
  return new mongoose.Types.ObjectId().toHexString();
}
