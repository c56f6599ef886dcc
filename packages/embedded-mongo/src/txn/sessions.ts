/** Logical sessions, retryable writes and multi-document transactions (filled in by txn/transaction.ts). */
import type { Document } from 'bson';
import type { DataView } from '../engine/view.ts';
import type { CommandContext, Handler } from '../commands/context.ts';

export interface Transaction {
  txnNumber: number;
  view: DataView;
  state: 'active' | 'committed' | 'aborted';
}

export interface Session {
  key: string;
  lastUse: number;
  txn?: Transaction;
  /** Replies of retryable writes by txnNumber (only the latest is kept, like mongod). */
  retry?: { txnNumber: number; reply: Document };
}

export class SessionManager {
  readonly sessions = new Map<string, Session>();

  get(key: string): Session {
    let s = this.sessions.get(key);
    if (!s) {
      s = { key, lastUse: Date.now() };
      this.sessions.set(key, s);
    }
    s.lastUse = Date.now();
    return s;
  }

  end(key: string): void {
    this.sessions.delete(key);
  }

  /** Runs a command within its session context. */
  async run(ctx: CommandContext, handler: Handler): Promise<Document> {
    return handler(ctx);
  }
}
