/** Server-side cursors: batching, getMore, killCursors, idle timeout. */
import { BSON, Long, type Document } from 'bson';
import { MAX_BSON_OBJECT_SIZE } from '../wire/limits.ts';

export interface CursorState {
  id: number;
  ns: string;
  docs: Document[];
  pos: number;
  /** Per-document transform applied when a batch is produced (projection). */
  transform?: (batch: Document[]) => Document[];
  lastUsed: number;
  lsid?: string;
  /** Exempt from the idle timeout (find's noCursorTimeout). */
  noTimeout?: boolean;
}

/** Leave room for the reply envelope around the batch. */
const BATCH_BYTES = MAX_BSON_OBJECT_SIZE - 64 * 1024;

export class CursorManager {
  private readonly cursors = new Map<number, CursorState>();
  private nextId = 1 + Math.floor(Math.random() * 1e9);
  private timer: NodeJS.Timeout | undefined;

  constructor(readonly timeoutMs = 10 * 60_000) {
    const interval = Math.max(50, Math.min(60_000, Math.floor(timeoutMs / 4)));
    this.timer = setInterval(() => this.reap(), interval);
    this.timer.unref();
  }

  get size(): number {
    return this.cursors.size;
  }

  reap(now = Date.now()): number {
    let n = 0;
    for (const [id, c] of this.cursors) if (!c.noTimeout && now - c.lastUsed >= this.timeoutMs) {
      this.cursors.delete(id);
      n++;
    }
    return n;
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.cursors.clear();
  }

  /** Produces the first batch; registers a cursor only when documents remain. */
  open(ns: string, docs: Document[], batchSize: number | undefined, transform?: CursorState['transform'], singleBatch = false, lsid?: string, noTimeout = false): Document {
    const c: CursorState = { id: 0, ns, docs, pos: 0, transform, lastUsed: Date.now(), lsid, noTimeout };
    const firstBatch = this.take(c, batchSize ?? 101);
    let id = 0;
    if (!singleBatch && c.pos < docs.length) {
      id = this.nextId++;
      c.id = id;
      this.cursors.set(id, c);
    }
    return { cursor: { firstBatch, id: Long.fromNumber(id), ns }, ok: 1 };
  }

  get(id: number): CursorState | undefined {
    return this.cursors.get(id);
  }

  more(c: CursorState, batchSize: number | undefined): Document {
    c.lastUsed = Date.now();
    const nextBatch = this.take(c, batchSize && batchSize > 0 ? batchSize : Infinity);
    let id = c.id;
    if (c.pos >= c.docs.length) {
      this.cursors.delete(c.id);
      id = 0;
    }
    return { cursor: { nextBatch, id: Long.fromNumber(id), ns: c.ns }, ok: 1 };
  }

  /** Closes every cursor opened under a session (endSessions). */
  killSession(lsid: string): void {
    for (const [id, c] of this.cursors) if (c.lsid === lsid) this.cursors.delete(id);
  }

  kill(id: number): boolean {
    return this.cursors.delete(id);
  }

  private take(c: CursorState, limit: number): Document[] {
    if (limit === 0) limit = 101;
    const end = Math.min(c.docs.length, c.pos + (Number.isFinite(limit) ? limit : c.docs.length));
    let raw = c.docs.slice(c.pos, end);
    let batch = c.transform ? c.transform(raw) : raw;
    // keep the reply under the document size limit
    let bytes = 0;
    for (let i = 0; i < batch.length; i++) {
      bytes += BSON.calculateObjectSize(batch[i]!) + 8;
      if (bytes > BATCH_BYTES && i > 0) {
        batch = batch.slice(0, i);
        raw = raw.slice(0, i);
        break;
      }
    }
    c.pos += batch.length;
    return batch;
  }
}
