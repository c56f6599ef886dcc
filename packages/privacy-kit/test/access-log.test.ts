import { describe, expect, it } from 'vitest';
import { createAccessLogWriter, type AccessLogEntry, type AccessLogStore, type AccessRead } from '../src/access-log.ts';

function read(overrides: Partial<AccessRead> = {}): AccessRead {
  return {
    actorId: 'pro-1',
    actorRole: 'pro',
    subjectIds: ['client-1'],
    field: 'User.email',
    reason: 'RELATIONSHIP',
    adminReason: null,
    requestId: 'req-1',
    ...overrides,
  };
}

function memoryStore(): AccessLogStore & { batches: AccessLogEntry[][]; failing: boolean } {
  const store = {
    batches: [] as AccessLogEntry[][],
    failing: false,
    async insertMany(entries: AccessLogEntry[]) {
      if (store.failing) throw new Error('database down');
      store.batches.push(entries.map((entry) => ({ ...entry, fields: [...entry.fields] })));
    },
  };
  return store;
}

const AT = new Date('2026-11-21T12:00:00.000Z');

describe('createAccessLogWriter', () => {
  it('coalesces the reads of one request into one entry, and writes on flush', async () => {
    const store = memoryStore();
    const writer = createAccessLogWriter({ store, flushIntervalMs: 60_000, now: () => AT });
    writer.record(read({ field: 'User.email' }));
    writer.record(read({ field: 'User.phone' }));
    writer.record(read({ field: 'User.email' }));
    writer.record(read({ requestId: 'req-2' }));
    writer.record(read({ requestId: null }));
    writer.record(read({ requestId: null }));
    expect(store.batches).toEqual([]);
    await writer.flush();
    expect(store.batches).toHaveLength(1);
    expect(store.batches[0]).toEqual([
      { actorId: 'pro-1', actorRole: 'pro', subjectIds: ['client-1'], fields: ['User.email', 'User.phone'], reason: 'RELATIONSHIP', adminReason: null, requestId: 'req-1', at: AT },
      expect.objectContaining({ requestId: 'req-2', fields: ['User.email'] }),
      expect.objectContaining({ requestId: null }),
      expect.objectContaining({ requestId: null }),
    ]);
    expect(writer.stats()).toEqual({ recorded: 6, written: 4, dropped: 0, failedFlushes: 0, buffered: 0 });
    await writer.stop();
  });

  it('flushes by itself when a batch is full, and on the interval', async () => {
    const store = memoryStore();
    const writer = createAccessLogWriter({ store, flushIntervalMs: 60_000, maxBatch: 3 });
    for (let i = 0; i < 3; i += 1) writer.record(read({ requestId: `r${i}` }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(store.batches.map((batch) => batch.length)).toEqual([3]);
    await writer.stop();

    const timed = memoryStore();
    const timedWriter = createAccessLogWriter({ store: timed, flushIntervalMs: 25 });
    timedWriter.record(read());
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(timed.batches.map((batch) => batch.length)).toEqual([1]);
    await timedWriter.stop();
  });

  it('writes at most maxBatch entries per insert', async () => {
    const store = memoryStore();
    const writer = createAccessLogWriter({ store, flushIntervalMs: 60_000, maxBatch: 4, maxBuffer: 100 });
    // Recorded synchronously: the automatic flush has not run yet when stop() flushes.
    for (let i = 0; i < 10; i += 1) writer.record(read({ requestId: `r${i}` }));
    await writer.stop();
    expect(store.batches.map((batch) => batch.length)).toEqual([4, 4, 2]);
  });

  it('keeps a bounded buffer while the store fails, counts drops, and catches up', async () => {
    const store = memoryStore();
    store.failing = true;
    const errors: unknown[] = [];
    const writer = createAccessLogWriter({ store, flushIntervalMs: 60_000, maxBatch: 2, maxBuffer: 5, onFlushError: (e) => errors.push(e) });
    const started = performance.now();
    for (let i = 0; i < 8; i += 1) writer.record(read({ requestId: `r${i}` }));
    expect(performance.now() - started).toBeLessThan(50);
    await writer.flush();
    expect(writer.stats()).toMatchObject({ recorded: 8, written: 0, dropped: 3, buffered: 5 });
    expect(writer.stats().failedFlushes).toBeGreaterThanOrEqual(1);
    expect(errors.length).toBe(writer.stats().failedFlushes);
    store.failing = false;
    await writer.stop();
    expect(store.batches.flat().map((entry) => entry.requestId)).toEqual(['r0', 'r1', 'r2', 'r3', 'r4']);
    expect(writer.stats()).toMatchObject({ written: 5, dropped: 3, buffered: 0 });
  });

  it('keeps every field of a request whose first batch failed while more reads came in', async () => {
    const store = memoryStore();
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    store.insertMany = async () => {
      await gate;
      throw new Error('database down');
    };
    const writer = createAccessLogWriter({ store, flushIntervalMs: 60_000 });
    writer.record(read({ field: 'User.email' }));
    const failing = writer.flush();
    writer.record(read({ field: 'User.phone' }));
    release();
    await failing;
    const written: AccessLogEntry[] = [];
    store.insertMany = async (entries) => void written.push(...entries);
    await writer.stop();
    expect(written.map((entry) => [entry.requestId, entry.fields])).toEqual([['req-1', ['User.email', 'User.phone']]]);
  });

  it('does not retry a failing store on every read, only on the interval', async () => {
    const store = memoryStore();
    let attempts = 0;
    store.insertMany = async () => {
      attempts += 1;
      throw new Error('database down');
    };
    const writer = createAccessLogWriter({ store, flushIntervalMs: 60_000, maxBatch: 1 });
    writer.record(read({ requestId: 'r0' }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    for (let i = 1; i < 20; i += 1) {
      writer.record(read({ requestId: `r${i}` }));
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(attempts).toBe(1);
    expect(writer.stats()).toMatchObject({ buffered: 20, failedFlushes: 1 });
    await writer.stop();
    expect(attempts).toBe(2);
  });

  it('drops and counts reads recorded after stop', async () => {
    const store = memoryStore();
    const writer = createAccessLogWriter({ store });
    await writer.stop();
    writer.record(read());
    await writer.flush();
    expect(store.batches).toEqual([]);
    expect(writer.stats()).toMatchObject({ recorded: 1, dropped: 1 });
  });
});
