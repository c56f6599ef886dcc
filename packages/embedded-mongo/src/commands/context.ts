/** What every command handler receives. */
import type { Document } from 'bson';
import type { Engine } from '../engine/database.ts';
import type { CursorManager } from './cursors.ts';

export interface ServerState {
  engine: Engine;
  cursors: CursorManager;
  host: string;
  port: number;
  replSet?: string;
  startedAt: Date;
  /** Resolves once every change emitted so far is durable (no-op without dbPath). */
  sync(): Promise<void>;
  /** Durable storage when running with dbPath. */
  storage?: import('../storage/storage.ts').Storage;
  /** Session and transaction bookkeeping (replica-set mode). */
  txn: import('../txn/sessions.ts').SessionManager;
}

export interface ConnectionInfo {
  id: number;
  remote: string;
  client?: Document;
}

export interface CommandContext {
  server: ServerState;
  conn: ConnectionInfo;
  /** The `$db` of the command. */
  dbName: string;
  cmd: Document;
  /** Size of the wire message that carried the command. */
  messageSize: number;
  /** Transaction scope (set by the dispatcher when the command runs inside a transaction). */
  txn?: import('../txn/transaction.ts').Txn;
}

export type Handler = (ctx: CommandContext) => Document | Promise<Document>;
