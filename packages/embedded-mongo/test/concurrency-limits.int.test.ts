// Atomicity under concurrent clients (counters, claim-a-job with findOneAndUpdate, unique races)
// and reply-size limits (a first batch never exceeds 16 MiB; the rest comes through getMore).
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, startServer } from './helpers/server.ts';
import type { AnyDoc, TestServer } from './helpers/server.ts';

let ts: TestServer;
const clients: MongoClient[] = [];

beforeAll(async () => {
  ts = await startServer();
  for (let i = 0; i < 8; i++) clients.push(await MongoClient.connect(ts.server.uri, { maxPoolSize: 4 }));
});
afterAll(async () => {
  for (const c of clients) await c.close();
  await ts?.stop();
});
const collOf = (i: number, name: string) => clients[i % clients.length]!.db('concurrency').collection<AnyDoc>(name);

describe('atomicity under concurrent clients', () => {
  it('concurrent $inc on one document loses no update', async () => {
    await collOf(0, 'counter').insertOne({ _id: 'c', n: 0 });
    await Promise.all(
      Array.from({ length: 16 }, async (_, w) => {
        for (let i = 0; i < 50; i++) await collOf(w, 'counter').updateOne({ _id: 'c' }, { $inc: { n: 1 } });
      }),
    );
    expect(await collOf(0, 'counter').findOne({ _id: 'c' })).toEqual({ _id: 'c', n: 800 });
  });

  it('findOneAndUpdate claims each job exactly once across competing workers', async () => {
    const jobs = 200;
    await collOf(0, 'jobs').insertMany(Array.from({ length: jobs }, (_, i) => ({ _id: i, state: 'new' })));
    const claimed: number[][] = Array.from({ length: 10 }, () => []);
    await Promise.all(
      claimed.map(async (mine, w) => {
        for (;;) {
          const job = await collOf(w, 'jobs').findOneAndUpdate({ state: 'new' }, { $set: { state: 'taken', by: w } }, { sort: { _id: 1 }, returnDocument: 'after' });
          if (!job) return;
          mine.push(job._id as number);
        }
      }),
    );
    const all = claimed.flat().sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: jobs }, (_, i) => i));
    expect(await collOf(0, 'jobs').countDocuments({ state: 'taken' })).toBe(jobs);
    for (const [w, mine] of claimed.entries()) {
      expect(await collOf(0, 'jobs').countDocuments({ by: w })).toBe(mine.length);
    }
  });

  it('racing inserts of the same unique key: exactly one wins, the rest get E11000', async () => {
    const users = collOf(0, 'users');
    await users.createIndex({ email: 1 }, { unique: true });
    const results = await Promise.allSettled(Array.from({ length: 24 }, (_, w) => collOf(w, 'users').insertOne({ email: 'race@x.io', w })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const codes = results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as { code?: number }).code] : []));
    expect(codes).toEqual(Array.from({ length: 23 }, () => 11000));
    expect(await users.countDocuments({ email: 'race@x.io' })).toBe(1);
  });

  it('upserts racing on the same unique filter leave one document', async () => {
    const c = collOf(0, 'upserts');
    await c.createIndex({ key: 1 }, { unique: true });
    const results = await Promise.allSettled(Array.from({ length: 12 }, (_, w) => collOf(w, 'upserts').updateOne({ key: 'k' }, { $inc: { hits: 1 } }, { upsert: true })));
    const ok = results.filter((r) => r.status === 'fulfilled').length;
    const doc = await c.findOne({ key: 'k' });
    expect(await c.countDocuments({ key: 'k' })).toBe(1);
    expect(doc?.hits).toBe(ok);
  });
});

describe('reply size limits', () => {
  it('a first batch stays within 16 MiB and getMore returns the rest', async () => {
    const big = collOf(0, 'big');
    const MiB = 1024 * 1024;
    for (let i = 0; i < 24; i++) await big.insertOne({ _id: i, blob: 'x'.repeat(MiB) });
    const res = await clients[0]!.db('concurrency').command({ find: 'big', filter: {}, batchSize: 1000 }, { promoteLongs: false });
    const first = res.cursor.firstBatch as AnyDoc[];
    expect(first.length).toBeGreaterThan(0);
    expect(first.length).toBeLessThan(24);
    expect(first.reduce((n, d) => n + (d.blob as string).length, 0)).toBeLessThanOrEqual(16 * MiB);
    expect(String(res.cursor.id)).not.toBe('0');
    const all = await big.find({}, { sort: { _id: 1 } }).toArray();
    expect(all.map((d) => d._id)).toEqual(Array.from({ length: 24 }, (_, i) => i));
    await clients[0]!.db('concurrency').command({ killCursors: 'big', cursors: [res.cursor.id] });
  });
  it('an insertMany larger than maxWriteBatchSize is split by the driver and fully applied', async () => {
    const hello = await clients[0]!.db('admin').command({ hello: 1 });
    expect(hello.maxWriteBatchSize).toBe(100_000);
    const res = await collOf(0, 'many').insertMany(Array.from({ length: 120_000 }, (_, i) => ({ _id: i, v: i })));
    expect(res.insertedCount).toBe(120_000);
    expect(await collOf(0, 'many').countDocuments()).toBe(120_000);
  });

  it('large $in lists (5,000 values over 120,000 docs) answer quickly, indexed or not', async () => {
    const many = collOf(0, 'many');
    const values = Array.from({ length: 5_000 }, (_, i) => i * 7);
    let t = performance.now();
    expect(await many.countDocuments({ _id: { $in: values } })).toBe(5_000);
    const indexedMs = performance.now() - t;
    t = performance.now();
    expect(await many.countDocuments({ v: { $in: values } })).toBe(5_000);
    const scanMs = performance.now() - t;
    // mongod: tens of milliseconds; the bound leaves a wide margin for a loaded 2-core machine
    expect(indexedMs).toBeLessThan(5_000);
    expect(scanMs).toBeLessThan(5_000);
    const ex = await many.find({ _id: { $in: values } }).explain('executionStats');
    expect(ex.executionStats.totalDocsExamined).toBe(5_000);
  });
  it('a result document over 16 MiB fails with BSONObjectTooLarge (10334) and the server carries on', async () => {
    const blobs = collOf(0, 'blobs');
    for (let i = 0; i < 18; i++) await blobs.insertOne({ _id: i, blob: 'y'.repeat(1024 * 1024) });
    const err = await errorOf(() => blobs.aggregate([{ $group: { _id: null, all: { $push: '$blob' } } }]).toArray());
    expect(err).toMatchObject({ code: 10334 });
    expect(await blobs.countDocuments()).toBe(18);
  });
});
