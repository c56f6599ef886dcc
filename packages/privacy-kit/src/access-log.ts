import type { IdentityRole } from '@leadgraph/identity';
import type { AccessReason } from './access.ts';

/**
 * The record of clear reads of someone else's personal data: who read whose data, which
 * fields, why and when. Never the values. Written in batches, off the request path.
 */

/** One clear read of one field, as the schema transformer reports it. */
export interface AccessRead {
  actorId: string | null;
  actorRole: IdentityRole | null;
  /** Whose data it was (two or more for co-owned data). */
  subjectIds: readonly string[];
  /** `Type.field`. */
  field: string;
  reason: Exclude<AccessReason, 'MASKED' | 'SUBJECT' | 'EXPORT'>;
  /** The admin's stated reason, with ADMIN_WITH_REASON. */
  adminReason: string | null;
  requestId: string | null;
  at?: Date;
}

/** One stored entry: the reads of one request by one actor of one subject set, for one reason. */
export interface AccessLogEntry {
  actorId: string | null;
  actorRole: IdentityRole | null;
  subjectIds: string[];
  fields: string[];
  reason: AccessRead['reason'];
  adminReason: string | null;
  requestId: string | null;
  at: Date;
}

/** Where access reads go. `record` is synchronous and never throws. */
export interface AccessLogSink {
  record(read: AccessRead): void;
}

/** Where batches go: one call per batch (a mongoose `insertMany`, see `mongoAccessLogStore`). */
export interface AccessLogStore {
  insertMany(entries: AccessLogEntry[]): Promise<void>;
}

export interface AccessLogWriterOptions {
  store: AccessLogStore;
  /** Flush at least this often (ms). Default 1000. */
  flushIntervalMs?: number;
  /** Flush as soon as this many entries wait, and write at most this many per insert. Default 200. */
  maxBatch?: number;
  /** Entries kept while the store fails; beyond it new entries are dropped and counted. Default 10 000. */
  maxBuffer?: number;
  /** Told about a failed flush (the entries stay buffered). */
  onFlushError?: (error: unknown) => void;
  now?: () => Date;
}

export interface AccessLogStats {
  /** Reads recorded (before coalescing). */
  recorded: number;
  /** Entries written to the store. */
  written: number;
  /** Entries dropped because the buffer was full or the writer had stopped. */
  dropped: number;
  failedFlushes: number;
  buffered: number;
}

export interface AccessLogWriter extends AccessLogSink {
  /** Writes what is buffered now (one insert per `maxBatch`); resolves even if the store fails. */
  flush(): Promise<void>;
  /** Stops the timer and flushes what is left; later reads are dropped. */
  stop(): Promise<void>;
  stats(): AccessLogStats;
}

function keyOf(read: AccessRead, sequence: number): string {
  // Reads of one request coalesce into one entry; reads without a request id never do.
  if (read.requestId === null) return `#${sequence}`;
  const subjects = [...read.subjectIds].sort().join(',');
  return JSON.stringify([read.requestId, read.actorId, read.reason, read.adminReason, subjects]);
}

export function createAccessLogWriter(options: AccessLogWriterOptions): AccessLogWriter {
  const { store } = options;
  const flushIntervalMs = options.flushIntervalMs ?? 1000;
  const maxBatch = options.maxBatch ?? 200;
  const maxBuffer = options.maxBuffer ?? 10_000;
  const now = options.now ?? (() => new Date());
  let buffer = new Map<string, AccessLogEntry>();
  const stats = { recorded: 0, written: 0, dropped: 0, failedFlushes: 0 };
  let sequence = 0;
  let stopped = false;
  let inFlight: Promise<void> | null = null;
  let soonScheduled = false;
  // After a failed write, a full batch waits for the next interval: a down database is not retried per request.
  let retryAfter = 0;

  const timer = setInterval(() => void flush(), flushIntervalMs);
  timer.unref();

  async function writeBatches(): Promise<void> {
    while (buffer.size > 0) {
      const batch = [...buffer].slice(0, maxBatch);
      for (const [key] of batch) buffer.delete(key);
      try {
        await store.insertMany(batch.map(([, entry]) => entry));
        stats.written += batch.length;
      } catch (error) {
        stats.failedFlushes += 1;
        retryAfter = Date.now() + flushIntervalMs;
        // Put the batch back in front (merging reads of the same request recorded meanwhile);
        // keep the buffer bounded, counting what does not fit.
        const merged = new Map(batch);
        for (const [key, entry] of buffer) {
          const earlier = merged.get(key);
          if (earlier === undefined) merged.set(key, entry);
          else for (const field of entry.fields) if (!earlier.fields.includes(field)) earlier.fields.push(field);
        }
        const kept = [...merged].slice(0, maxBuffer);
        stats.dropped += merged.size - kept.length;
        buffer = new Map(kept);
        options.onFlushError?.(error);
        return;
      }
    }
  }

  function flush(): Promise<void> {
    inFlight ??= writeBatches().finally(() => {
      inFlight = null;
    });
    return inFlight;
  }

  function record(read: AccessRead): void {
    stats.recorded += 1;
    if (stopped) {
      stats.dropped += 1;
      return;
    }
    sequence += 1;
    const key = keyOf(read, sequence);
    const existing = buffer.get(key);
    if (existing !== undefined) {
      if (!existing.fields.includes(read.field)) existing.fields.push(read.field);
      return;
    }
    if (buffer.size >= maxBuffer) {
      stats.dropped += 1;
      return;
    }
    buffer.set(key, {
      actorId: read.actorId,
      actorRole: read.actorRole,
      subjectIds: [...read.subjectIds],
      fields: [read.field],
      reason: read.reason,
      adminReason: read.adminReason,
      requestId: read.requestId,
      at: read.at ?? now(),
    });
    if (buffer.size >= maxBatch && !soonScheduled && inFlight === null && Date.now() >= retryAfter) {
      soonScheduled = true;
      setImmediate(() => {
        soonScheduled = false;
        void flush();
      });
    }
  }

  return {
    record(read) {
      try {
        record(read);
      } catch {
        stats.dropped += 1;
      }
    },
    flush: async () => {
      await flush();
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      if (inFlight !== null) await inFlight;
      await flush();
    },
    stats: () => ({ ...stats, buffered: buffer.size }),
  };
}
