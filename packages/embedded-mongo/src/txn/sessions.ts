/**
 * Logical sessions: retryable writes (a repeated txnNumber returns the recorded reply) and
 * multi-document transactions (replica-set mode only), with mongod's errors.
 */
import { Long, type Document } from 'bson';
import type { CommandContext, Handler } from '../commands/context.ts';
import { valueKey } from '../engine/compare.ts';
import { err } from '../errors.ts';
import { Txn } from './transaction.ts';

export type Transaction = Txn;

export interface Session {
  key: string;
  lastUse: number;
  txn?: Txn;
  /** Highest txnNumber seen. */
  txnNumber: number;
  /** Reply of the latest retryable write, by txnNumber. */
  retry?: { txnNumber: number; reply: Document };
}

const RETRYABLE = new Set(['insert', 'update', 'delete', 'findAndModify', 'findandmodify']);
/** Commands allowed inside a transaction. */
const IN_TXN = new Set([
  'find', 'getMore', 'killCursors', 'insert', 'update', 'delete', 'findAndModify', 'findandmodify', 'aggregate',
  'distinct', 'count', 'commitTransaction', 'abortTransaction', 'create', 'createIndexes', 'explain',
]);
const SESSION_IDLE_MS = 30 * 60_000;
const TRANSIENT = ['TransientTransactionError'];

const asNumber = (v: unknown): number | undefined =>
  typeof v === 'number' ? v : v instanceof Long ? v.toNumber() : v && typeof v === 'object' && 'toNumber' in v ? (v as Long).toNumber() : undefined;

/** Open transactions older than this are aborted (mongod's transactionLifetimeLimitSeconds). */
const TXN_LIFETIME_MS = 60_000;

export class SessionManager {
  readonly sessions = new Map<string, Session>();
  private calls = 0;
  private readonly timer: NodeJS.Timeout;

  constructor() {
    this.timer = setInterval(() => this.expire(), 1000);
    this.timer.unref();
  }

  private expire(): void {
    const now = Date.now();
    for (const s of this.sessions.values()) if (s.txn?.state === 'active' && now - s.txn.startedAt > TXN_LIFETIME_MS) s.txn.abort();
  }

  close(): void {
    clearInterval(this.timer);
    for (const s of this.sessions.values()) s.txn?.abort();
    this.sessions.clear();
  }

  get(key: string): Session {
    let s = this.sessions.get(key);
    if (!s) {
      s = { key, lastUse: Date.now(), txnNumber: -1 };
      this.sessions.set(key, s);
    }
    s.lastUse = Date.now();
    return s;
  }

  end(key: string): void {
    const s = this.sessions.get(key);
    s?.txn?.abort();
    this.sessions.delete(key);
  }

  private reap(): void {
    const now = Date.now();
    for (const [k, s] of this.sessions) if (now - s.lastUse > SESSION_IDLE_MS) this.end(k);
  }

  /** Runs a command within its session: transaction scope, retryable-write bookkeeping. */
  async run(ctx: CommandContext, handler: Handler): Promise<Document> {
    if ((++this.calls & 1023) === 0) this.reap();
    const { cmd } = ctx;
    const name = Object.keys(cmd)[0]!;
    const lsid = cmd.lsid?.id;
    const txnNumber = asNumber(cmd.txnNumber);
    if (lsid === undefined || txnNumber === undefined) {
      if (name === 'commitTransaction' || name === 'abortTransaction') throw err(50768, 'txnNumber and lsid are required for ' + name);
      return handler(ctx);
    }
    const session = this.get(valueKey(lsid));
    if (cmd.autocommit === undefined) {
      // retryable write
      if (!RETRYABLE.has(name)) return handler(ctx);
      if (!ctx.server.replSet) throw err(20, 'Transaction numbers are only allowed on a replica set member or mongos');
      if (txnNumber < session.txnNumber) throw err(225, `Retryable write with txnNumber ${txnNumber} is prohibited on session because a newer retryable write with txnNumber ${session.txnNumber} has already started on this session.`);
      if (session.retry && session.retry.txnNumber === txnNumber) return { ...session.retry.reply, retriedStmtIds: [] };
      session.txnNumber = txnNumber;
      const reply = await handler(ctx);
      if (reply.ok === 1) session.retry = { txnNumber, reply };
      return reply;
    }
    if (cmd.autocommit !== false) throw err(50768, "autocommit must be false when present");
    if (!ctx.server.replSet) throw err(20, 'Transaction numbers are only allowed on a replica set member or mongos');
    if (!IN_TXN.has(name)) throw err(263, `Cannot run '${name}' in a multi-document transaction.`);
    if (txnNumber < session.txnNumber) throw err(225, `Cannot start transaction ${txnNumber} on session because a newer transaction ${session.txnNumber} has already started.`);
    if (cmd.startTransaction === true) {
      if (session.txn && session.txn.txnNumber === txnNumber) throw err(251, `Given transaction number ${txnNumber} does not match any in-progress transactions. The active transaction number is ${txnNumber}`, {}, TRANSIENT);
      session.txn?.abort();
      session.txnNumber = txnNumber;
      session.txn = new Txn(ctx.server.engine, txnNumber, ctx.server.storage);
    }
    const txn = session.txn;
    if (!txn || txn.txnNumber !== txnNumber) {
      if (name === 'abortTransaction' || name === 'commitTransaction' || !txn)
        throw err(251, `Given transaction number ${txnNumber} does not match any in-progress transactions.`, {}, TRANSIENT);
      throw err(251, `Given transaction number ${txnNumber} does not match any in-progress transactions. The active transaction number is ${txn.txnNumber}`, {}, TRANSIENT);
    }
    if (name === 'commitTransaction') {
      if (txn.state === 'committed') return { ok: 1 };
      if (txn.state === 'aborted') throw err(251, `Transaction ${txnNumber} has been aborted.`, {}, TRANSIENT);
      txn.commit();
      return { ok: 1 };
    }
    if (name === 'abortTransaction') {
      if (txn.state === 'committed') throw err(256, `Transaction ${txnNumber} has been committed.`);
      if (txn.state === 'aborted') throw err(251, `Transaction ${txnNumber} has been aborted.`, {}, TRANSIENT);
      txn.abort();
      return { ok: 1 };
    }
    if (txn.state !== 'active') throw err(251, `Transaction ${txnNumber} has been ${txn.state}.`, {}, TRANSIENT);
    txn.lastUse = Date.now();
    try {
      const reply = await handler({ ...ctx, txn });
      // like mongod, a failed statement aborts the whole transaction
      if (reply.ok !== 1 || (Array.isArray(reply.writeErrors) && reply.writeErrors.length)) txn.abort();
      return reply;
    } catch (e) {
      txn.abort();
      throw e;
    }
  }
}
