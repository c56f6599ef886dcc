// Duplicate-key errors in mongod's exact shape (single writes, ordered and unordered batches)
// and cursor batching (find/aggregate getMore, killCursors on early close) seen on the wire.
import { MongoBulkWriteError, MongoClient, MongoServerError } from 'mongodb';
import type { CommandStartedEvent, Db } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, sleep, startServer } from './helpers/server.ts';
import type { AnyDoc, TestServer } from './helpers/server.ts';

let ts: TestServer;
let db: Db;
let watched: MongoClient;
const started: CommandStartedEvent[] = [];

beforeAll(async () => {
  ts = await startServer();
  db = ts.client.db('dupkeys');
  watched = new MongoClient(ts.server.uri, { monitorCommands: true });
  watched.on('commandStarted', (e) => started.push(e));
  await watched.connect();
});
afterAll(async () => {
  await watched?.close();
  await ts?.stop();
});

describe('duplicate key errors', () => {
  it('insertOne on a duplicate _id: code, codeName, keyPattern, keyValue and errmsg', async () => {
    const coll = db.collection<AnyDoc>('single');
    await coll.insertOne({ _id: 1 } as never);
    const err = await errorOf(() => coll.insertOne({ _id: 1 } as never));
    expect(err).toBeInstanceOf(MongoServerError);
    expect(err).toMatchObject({ code: 11000, codeName: 'DuplicateKey', keyPattern: { _id: 1 }, keyValue: { _id: 1 } });
    expect(err.message).toBe('E11000 duplicate key error collection: dupkeys.single index: _id_ dup key: { _id: 1 }');
  });
  it('a unique secondary index names itself and quotes string values', async () => {
    const coll = db.collection<AnyDoc>('users');
    await coll.createIndex({ email: 1 }, { unique: true });
    await coll.insertOne({ email: 'a@x.io' });
    const err = await errorOf(() => coll.insertOne({ email: 'a@x.io' }));
    expect(err).toMatchObject({ code: 11000, keyPattern: { email: 1 }, keyValue: { email: 'a@x.io' } });
    expect(err.message).toBe('E11000 duplicate key error collection: dupkeys.users index: email_1 dup key: { email: "a@x.io" }');
    const upd = await errorOf(async () => {
      await coll.insertOne({ email: 'b@x.io' });
      await coll.updateOne({ email: 'b@x.io' }, { $set: { email: 'a@x.io' } });
    });
    expect(upd).toMatchObject({ code: 11000, keyValue: { email: 'a@x.io' } });
  });
  it('ordered insertMany stops at the first duplicate and reports its index', async () => {
    const coll = db.collection<AnyDoc>('ordered');
    await coll.insertOne({ _id: 2 } as never);
    const err = await errorOf(() => coll.insertMany([{ _id: 1 }, { _id: 2 }, { _id: 3 }] as never[]));
    expect(err).toBeInstanceOf(MongoBulkWriteError);
    const bulk = err as unknown as MongoBulkWriteError;
    expect(bulk.result.insertedCount).toBe(1);
    const errors = Array.isArray(bulk.writeErrors) ? bulk.writeErrors : [bulk.writeErrors];
    expect(errors.map((e) => [e.index, e.code])).toEqual([[1, 11000]]);
    expect(errors[0]?.errmsg).toMatch(/^E11000 duplicate key error collection: dupkeys\.ordered index: _id_ dup key: \{ _id: 2 \}$/);
    expect(await coll.countDocuments()).toBe(2);
  });
  it('unordered insertMany inserts the rest and lists every duplicate with keyPattern/keyValue', async () => {
    const coll = db.collection<AnyDoc>('unordered');
    await coll.insertMany([{ _id: 2 }, { _id: 4 }] as never[]);
    const err = await errorOf(() => coll.insertMany([{ _id: 1 }, { _id: 2 }, { _id: 3 }, { _id: 4 }, { _id: 5 }] as never[], { ordered: false }));
    const bulk = err as unknown as MongoBulkWriteError;
    expect(bulk.result.insertedCount).toBe(3);
    const errors = Array.isArray(bulk.writeErrors) ? bulk.writeErrors : [bulk.writeErrors];
    expect(errors.map((e) => e.index)).toEqual([1, 3]);
    expect(errors[1]?.code).toBe(11000);
    expect(await coll.countDocuments()).toBe(5);
    // the driver's WriteError keeps only index/code/errmsg: check keyPattern/keyValue on the raw reply
    const raw = await db.command({ insert: 'unordered', documents: [{ _id: 6 }, { _id: 2 }, { _id: 4 }], ordered: false });
    expect(raw.n).toBe(1);
    expect(raw.writeErrors).toEqual([
      { index: 1, code: 11000, codeName: 'DuplicateKey', keyPattern: { _id: 1 }, keyValue: { _id: 2 }, errmsg: 'E11000 duplicate key error collection: dupkeys.unordered index: _id_ dup key: { _id: 2 }' },
      { index: 2, code: 11000, codeName: 'DuplicateKey', keyPattern: { _id: 1 }, keyValue: { _id: 4 }, errmsg: 'E11000 duplicate key error collection: dupkeys.unordered index: _id_ dup key: { _id: 4 }' },
    ]);
  });
  it('a bulkWrite mixing updates and a duplicate insert keeps the counts of what succeeded', async () => {
    const coll = db.collection<AnyDoc>('mixed');
    await coll.insertOne({ _id: 1, n: 0 } as never);
    const err = await errorOf(() =>
      coll.bulkWrite([{ updateOne: { filter: { _id: 1 }, update: { $inc: { n: 1 } } } }, { insertOne: { document: { _id: 1 } } }, { insertOne: { document: { _id: 2 } } }] as never[], { ordered: false }),
    );
    const bulk = err as unknown as MongoBulkWriteError;
    expect(bulk.result).toMatchObject({ matchedCount: 1, modifiedCount: 1, insertedCount: 1 });
    expect(await coll.findOne({ _id: 1 } as never)).toEqual({ _id: 1, n: 1 });
  });
});

describe('cursors', () => {
  const commandsSince = (mark: number, name: string) => started.slice(mark).filter((e) => e.commandName === name);

  it('find returns results in batches fetched with getMore', async () => {
    const coll = watched.db('dupkeys').collection<AnyDoc>('batched');
    await coll.insertMany(Array.from({ length: 25 }, (_, i) => ({ _id: i })) as never[]);
    const mark = started.length;
    const docs = await coll.find({}, { batchSize: 10, sort: { _id: 1 } }).toArray();
    expect(docs.map((d) => d._id)).toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect(commandsSince(mark, 'find')).toHaveLength(1);
    expect(commandsSince(mark, 'getMore')).toHaveLength(2);
  });
  it('closing a cursor early sends killCursors and the cursor is gone', async () => {
    const coll = watched.db('dupkeys').collection<AnyDoc>('batched');
    const mark = started.length;
    const cursor = coll.find({}, { batchSize: 5 });
    await cursor.next();
    const id = cursor.id;
    await cursor.close();
    expect(commandsSince(mark, 'killCursors')).toHaveLength(1);
    const err = await errorOf(() => db.command({ getMore: id, collection: 'batched' }));
    expect(err).toMatchObject({ code: 43, codeName: 'CursorNotFound' });
  });
  it('a limit smaller than the batch closes the cursor server-side (cursor id 0)', async () => {
    const res = await db.command({ find: 'batched', filter: {}, limit: 3 });
    expect(res.cursor.firstBatch).toHaveLength(3);
    expect(String(res.cursor.id)).toBe('0');
  });
  it('many concurrent open cursors stay independent', async () => {
    const coll = watched.db('dupkeys').collection<AnyDoc>('batched');
    const cursors = Array.from({ length: 20 }, (_, k) => coll.find({ _id: { $gte: k } }, { batchSize: 2, sort: { _id: 1 } }).toArray());
    const results = await Promise.all(cursors);
    results.forEach((docs, k) => expect(docs[0]?._id).toBe(k));
    results.forEach((docs, k) => expect(docs).toHaveLength(25 - k));
  });
});

describe('cursor idle timeout (StartOptions.cursorTimeoutMs)', () => {
  it('an idle cursor is closed after the timeout (CursorNotFound, 43) unless opened with noCursorTimeout', async () => {
    const short = await startServer({ cursorTimeoutMs: 800 });
    try {
      const sdb = short.client.db('timeouts');
      await sdb.collection<AnyDoc>('c').insertMany(Array.from({ length: 10 }, (_, i) => ({ _id: i })));
      const first = await sdb.command({ find: 'c', batchSize: 2 }, { promoteLongs: false });
      const pinned = await sdb.command({ find: 'c', batchSize: 2, noCursorTimeout: true }, { promoteLongs: false });
      const live = await sdb.command({ getMore: first.cursor.id, collection: 'c', batchSize: 2 }, { promoteLongs: false });
      expect(live.cursor.nextBatch).toEqual([{ _id: 2 }, { _id: 3 }]);
      await sleep(2_500);
      const err = await errorOf(() => sdb.command({ getMore: first.cursor.id, collection: 'c' }));
      expect(err).toMatchObject({ code: 43, codeName: 'CursorNotFound' });
      const kept = await sdb.command({ getMore: pinned.cursor.id, collection: 'c', batchSize: 2 });
      expect(kept.cursor.nextBatch).toEqual([{ _id: 2 }, { _id: 3 }]);
      await sdb.command({ killCursors: 'c', cursors: [pinned.cursor.id] });
    } finally {
      await short.stop();
    }
  });
});
