// Every command the embedded server implements, through the real driver, in mongod's shapes.
import { Long, MongoServerError } from 'mongodb';
import type { Db } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, startServer } from './helpers/server.ts';
import type { AnyDoc, TestServer } from './helpers/server.ts';

let ts: TestServer;
let db: Db;
beforeAll(async () => {
  ts = await startServer();
  db = ts.client.db('commands_test');
});
afterAll(async () => {
  await ts?.stop();
});

describe('server commands', () => {
  it('hello / isMaster describe a writable primary speaking wire version 21', async () => {
    const hello = await db.admin().command({ hello: 1 });
    expect(hello).toMatchObject({ ok: 1, isWritablePrimary: true, maxWireVersion: 21 });
    expect(hello.minWireVersion).toBeLessThanOrEqual(21);
    expect(hello.logicalSessionTimeoutMinutes).toBeGreaterThan(0);
    expect(hello.maxBsonObjectSize).toBe(16 * 1024 * 1024);
    expect(hello.maxMessageSizeBytes).toBe(48_000_000);
    const legacy = await db.admin().command({ isMaster: 1 });
    expect(legacy).toMatchObject({ ok: 1, ismaster: true });
  });

  it('ping, buildInfo and getParameter', async () => {
    expect(await db.admin().command({ ping: 1 })).toMatchObject({ ok: 1 });
    const info = await db.admin().command({ buildInfo: 1 });
    expect(info.version).toMatch(/^7\.0\.\d+/);
    expect(info.versionArray.slice(0, 2)).toEqual([7, 0]);
    const param = await db.admin().command({ getParameter: 1, featureCompatibilityVersion: 1 });
    expect(param.ok).toBe(1);
  });

  it('create, listCollections, collMod, renameCollection, drop', async () => {
    await db.createCollection('created');
    const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
    expect(names).toContain('created');
    expect(await db.command({ collMod: 'created' })).toMatchObject({ ok: 1 });
    await db.collection<AnyDoc>('created').insertOne({ _id: 1 } as never);
    await db.renameCollection('created', 'renamed');
    const after = (await db.listCollections().toArray()).map((c) => c.name);
    expect(after).toContain('renamed');
    expect(after).not.toContain('created');
    expect(await db.collection<AnyDoc>('renamed').findOne({ _id: 1 } as never)).toEqual({ _id: 1 });
    expect(await db.collection<AnyDoc>('renamed').drop()).toBe(true);
    // MongoDB 7.0: dropping a collection that does not exist succeeds
    expect(await db.command({ drop: 'never_existed' })).toMatchObject({ ok: 1 });
  });

  it('listDatabases and dropDatabase', async () => {
    const other = ts.client.db('commands_dropme');
    await other.collection<AnyDoc>('c').insertOne({ a: 1 });
    const list = await db.admin().listDatabases();
    expect(list.databases.map((d) => d.name)).toContain('commands_dropme');
    expect(await other.dropDatabase()).toBe(true);
    const again = await db.admin().listDatabases();
    expect(again.databases.map((d) => d.name)).not.toContain('commands_dropme');
  });

  it('insert, find, update, delete, findAndModify, count, distinct as raw commands', async () => {
    const ins = await db.command({ insert: 'raw', documents: [{ _id: 1, a: 1 }, { _id: 2, a: 2 }, { _id: 3, a: 2 }] });
    expect(ins).toMatchObject({ ok: 1, n: 3 });
    const found = await db.command({ find: 'raw', filter: { a: 2 }, sort: { _id: 1 } });
    expect(found.cursor.firstBatch).toEqual([{ _id: 2, a: 2 }, { _id: 3, a: 2 }]);
    expect(found.cursor.ns).toBe('commands_test.raw');
    expect(Long.isLong(found.cursor.id) || typeof found.cursor.id === 'number').toBe(true);
    const upd = await db.command({ update: 'raw', updates: [{ q: { a: 2 }, u: { $set: { b: true } }, multi: true }] });
    expect(upd).toMatchObject({ ok: 1, n: 2, nModified: 2 });
    const fam = await db.command({ findAndModify: 'raw', query: { _id: 1 }, update: { $inc: { a: 10 } }, new: true });
    expect(fam.value).toEqual({ _id: 1, a: 11 });
    expect(fam.lastErrorObject).toMatchObject({ n: 1, updatedExisting: true });
    expect(await db.command({ count: 'raw', query: { b: true } })).toMatchObject({ ok: 1, n: 2 });
    const distinct = await db.command({ distinct: 'raw', key: 'a' });
    expect([...distinct.values].sort()).toEqual([11, 2]);
    const del = await db.command({ delete: 'raw', deletes: [{ q: { a: 2 }, limit: 0 }] });
    expect(del).toMatchObject({ ok: 1, n: 2 });
  });

  it('aggregate, getMore and killCursors', async () => {
    const coll = db.collection<AnyDoc>('cursor_cmds');
    await coll.insertMany(Array.from({ length: 10 }, (_, i) => ({ _id: i })) as never[]);
    // promoteLongs: false keeps the int64 cursor id a Long, as getMore requires
    const agg = await db.command({ aggregate: 'cursor_cmds', pipeline: [{ $sort: { _id: 1 } }], cursor: { batchSize: 3 } }, { promoteLongs: false });
    expect(agg.cursor.firstBatch).toHaveLength(3);
    const id = agg.cursor.id as Long;
    expect(Long.isLong(id) && !id.isZero()).toBe(true);
    const more = await db.command({ getMore: id, collection: 'cursor_cmds', batchSize: 4 });
    expect(more.cursor.nextBatch.map((d: { _id: number }) => d._id)).toEqual([3, 4, 5, 6]);
    const killed = await db.command({ killCursors: 'cursor_cmds', cursors: [id] });
    expect(killed.cursorsKilled.map(String)).toEqual([String(id)]);
    const gone = await errorOf(() => db.command({ getMore: id, collection: 'cursor_cmds' }));
    expect(gone).toMatchObject({ code: 43, codeName: 'CursorNotFound' });
  });

  it('createIndexes, listIndexes, dropIndexes', async () => {
    const coll = db.collection<AnyDoc>('idx_cmds');
    await coll.insertOne({ a: 1, b: 1 });
    const res = await db.command({ createIndexes: 'idx_cmds', indexes: [{ key: { a: 1 }, name: 'a_1' }, { key: { a: 1, b: -1 }, name: 'a_1_b_-1', unique: true }] });
    expect(res).toMatchObject({ ok: 1, numIndexesBefore: 1, numIndexesAfter: 3 });
    const list = await coll.listIndexes().toArray();
    expect(list.map((i) => i.name)).toEqual(['_id_', 'a_1', 'a_1_b_-1']);
    expect(list[2]).toMatchObject({ key: { a: 1, b: -1 }, unique: true, v: 2 });
    await coll.dropIndex('a_1');
    expect((await coll.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_', 'a_1_b_-1']);
    const missing = await errorOf(() => coll.dropIndex('nope_1'));
    expect(missing).toMatchObject({ code: 27, codeName: 'IndexNotFound' });
    const noColl = await errorOf(() => db.collection<AnyDoc>('idx_missing').listIndexes().toArray());
    expect(noColl).toMatchObject({ code: 26, codeName: 'NamespaceNotFound' });
  });

  it('endSessions is accepted (sessions are created and ended by the driver)', async () => {
    const session = ts.client.startSession();
    await db.collection<AnyDoc>('sess').insertOne({ x: 1 }, { session });
    await session.endSession();
    expect(await db.admin().command({ endSessions: [session.id] })).toMatchObject({ ok: 1 });
  });

  it('an unknown command answers CommandNotFound (59)', async () => {
    const err = await errorOf(() => db.command({ frobnicate: 1 }));
    expect(err).toBeInstanceOf(MongoServerError);
    expect(err).toMatchObject({ code: 59, codeName: 'CommandNotFound' });
    expect(err.message).toMatch(/no such command: 'frobnicate'/);
    expect(await db.command({ ping: 1 })).toMatchObject({ ok: 1 });
  });
});
