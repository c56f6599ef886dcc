// Durability of the CLI server with --dbpath: every acknowledged write survives kill -9 under
// concurrent load; a torn or garbage journal tail is tolerated with a warning; SIGTERM exits 0.
import { appendFile, truncate } from 'node:fs/promises';
import { stat } from 'node:fs/promises';
import { MongoClient } from 'mongodb';
import type { Document } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findJournal, startCli } from './helpers/cli.ts';
import type { CliServer } from './helpers/cli.ts';
import { makeTempDir, sleep } from './helpers/server.ts';
import type { AnyDoc } from './helpers/server.ts';

const clients: MongoClient[] = [];
const children: CliServer[] = [];
const dirs: { remove(): Promise<void> }[] = [];

async function boot(dbpath: string, replSet?: string): Promise<{ cli: CliServer; client: MongoClient }> {
  const cli = await startCli(['--dbpath', dbpath, ...(replSet ? ['--replSet', replSet] : [])]);
  children.push(cli);
  const client = new MongoClient(cli.uri, { serverSelectionTimeoutMS: 5_000, retryWrites: false, directConnection: !replSet });
  clients.push(client);
  await client.connect();
  return { cli, client };
}
async function newDir(name: string): Promise<string> {
  const d = await makeTempDir(name);
  dirs.push(d);
  return d.dir;
}

afterAll(async () => {
  for (const c of clients) await c.close(true).catch(() => undefined);
  for (const c of children) if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill('SIGKILL');
  for (const d of dirs) await d.remove();
});

describe('kill -9 under concurrent load', () => {
  const acknowledged: { id: string; writer: number; i: number }[] = [];
  const lastCounter = new Map<number, number>();
  let dbpath: string;

  beforeAll(async () => {
    dbpath = await newDir('kill9');
    const { cli, client } = await boot(dbpath);
    const coll = client.db('durable').collection<AnyDoc>('events');
    await coll.createIndex({ seq: 1 }, { unique: true });
    let stop = false;
    const writer = async (w: number) => {
      for (let i = 0; !stop; i++) {
        try {
          const id = `w${w}-${i}`;
          await coll.insertOne({ _id: id, writer: w, i, seq: w * 1_000_000 + i, payload: 'x'.repeat(200) } as never);
          acknowledged.push({ id, writer: w, i });
          await coll.updateOne({ _id: `counter${w}` } as never, { $set: { n: i } }, { upsert: true });
          lastCounter.set(w, i);
        } catch {
          return; // the server was killed: this write was never acknowledged
        }
      }
    };
    const writers = [0, 1, 2, 3, 4, 5].map(writer);
    await sleep(1_500);
    cli.child.kill('SIGKILL');
    stop = true;
    await Promise.all(writers);
    expect(await cli.exited).toBe('SIGKILL');
  });

  it('acknowledged a meaningful number of writes before the kill', () => {
    expect(acknowledged.length).toBeGreaterThan(50);
  });

  it('restarts on the same dbpath and returns every acknowledged write', async () => {
    const { client } = await boot(dbpath);
    const coll = client.db('durable').collection<AnyDoc>('events');
    const found = new Set((await coll.find({ writer: { $exists: true } }, { projection: { _id: 1 } }).toArray()).map((d) => String(d._id)));
    const missing = acknowledged.filter((a) => !found.has(a.id));
    expect(missing).toEqual([]);
    for (const [w, n] of lastCounter) {
      const counter = await coll.findOne({ _id: `counter${w}` } as never);
      expect(counter?.n).toBeGreaterThanOrEqual(n);
    }
    const indexes = (await coll.listIndexes().toArray()).map((i) => i.name);
    expect(indexes).toContain('seq_1');
    await expect(coll.insertOne({ seq: 0 })).rejects.toMatchObject({ code: 11000 });
  });
});

describe('damaged journal tails', () => {
  it('a torn last record (journal truncated mid-record) is dropped with a warning; earlier records survive', async () => {
    const dbpath = await newDir('torn');
    const first = await boot(dbpath);
    const coll = first.client.db('durable').collection<AnyDoc>('torn');
    for (let i = 0; i < 40; i++) await coll.insertOne({ _id: i, body: `record-${i}`.padEnd(120, '.') } as never);
    first.cli.child.kill('SIGKILL');
    await first.cli.exited;
    const journal = await findJournal(dbpath);
    await truncate(journal, (await stat(journal)).size - 7);
    const second = await boot(dbpath);
    expect(second.cli.output()).toMatch(/torn|truncat|corrupt|partial|incomplete/i);
    const ids = (await second.client.db('durable').collection<AnyDoc>('torn').find({}, { sort: { _id: 1 } }).toArray()).map((d) => d._id);
    expect(ids.length).toBeGreaterThanOrEqual(39);
    expect(ids).toEqual(Array.from({ length: ids.length }, (_, i) => i));
    await second.client.db('durable').collection<AnyDoc>('torn').insertOne({ _id: 'after' } as never);
  });

  it('garbage appended after a clean stop (SIGINT) is ignored with a warning; every record is present', async () => {
    const dbpath = await newDir('garbage');
    const first = await boot(dbpath);
    const coll = first.client.db('durable').collection<AnyDoc>('garbage');
    for (let i = 0; i < 20; i++) await coll.insertOne({ _id: i } as never);
    await first.client.close();
    first.cli.child.kill('SIGINT'); // SIGINT is a clean stop too (SIGTERM is tested below)
    expect(await first.cli.exited).toBe(0);
    await appendFile(await findJournal(dbpath), Buffer.from('\x13\x00\x00\x00garbage-not-a-record\xff\xfe', 'latin1'));
    const second = await boot(dbpath);
    expect(second.cli.output()).toMatch(/torn|truncat|corrupt|partial|incomplete|garbage|invalid/i);
    const docs = await second.client.db('durable').collection<AnyDoc>('garbage').find({}, { sort: { _id: 1 } }).toArray();
    expect(docs).toEqual(Array.from({ length: 20 }, (_, i) => ({ _id: i })));
    const dbs = (await second.client.db('admin').admin().listDatabases()).databases.map((d) => d.name);
    expect(dbs.filter((n) => !['admin', 'config', 'local'].includes(n))).toEqual(['durable']);
  });
});

describe('SIGTERM', () => {
  it('under concurrent load: exits 0 and keeps every acknowledged write', async () => {
    const dbpath = await newDir('sigterm-load');
    const first = await boot(dbpath);
    const coll = first.client.db('durable').collection<AnyDoc>('busy');
    const acked: string[] = [];
    let stop = false;
    const writers = [0, 1, 2, 3].map(async (w) => {
      for (let i = 0; !stop; i++) {
        try {
          await coll.insertOne({ _id: `${w}-${i}` });
          acked.push(`${w}-${i}`);
        } catch {
          return;
        }
      }
    });
    await sleep(800);
    first.cli.child.kill('SIGTERM');
    const code = await first.cli.exited;
    stop = true;
    await Promise.all(writers);
    expect(code).toBe(0);
    expect(acked.length).toBeGreaterThan(20);
    const second = await boot(dbpath);
    const found = new Set((await second.client.db('durable').collection<AnyDoc>('busy').find({}).toArray()).map((d) => String(d._id)));
    expect(acked.filter((id) => !found.has(id))).toEqual([]);
  });

  it('flushes, exits with code 0, and the data is there after a restart', async () => {
    const dbpath = await newDir('sigterm');
    const first = await boot(dbpath);
    await first.client.db('durable').collection<AnyDoc>('clean').insertMany(Array.from({ length: 500 }, (_, i) => ({ _id: i, v: i * 2 })) as never[]);
    await first.client.db('durable').collection<AnyDoc>('clean').createIndex({ v: 1 });
    first.cli.child.kill('SIGTERM');
    expect(await first.cli.exited).toBe(0);
    const second = await boot(dbpath);
    const coll = second.client.db('durable').collection<AnyDoc>('clean');
    expect(await coll.countDocuments()).toBe(500);
    expect(await coll.findOne({ v: 998 })).toEqual({ _id: 499, v: 998 });
    expect((await coll.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_', 'v_1']);
  });
});

describe('snapshots and journal generations', () => {
  it('a snapshot written at a clean stop plus a journal replayed after kill -9 give the latest state', async () => {
    const dbpath = await newDir('compact');
    const first = await boot(dbpath);
    const coll = first.client.db('durable').collection<AnyDoc>('bulk');
    for (let b = 0; b < 12; b++) await coll.insertMany(Array.from({ length: 1_000 }, (_, i) => ({ _id: b * 1_000 + i, pad: 'p'.repeat(1_000) })));
    await coll.createIndex({ _id: 1, pad: 1 });
    first.cli.child.kill('SIGTERM'); // a clean stop folds the journal into a snapshot
    expect(await first.cli.exited).toBe(0);
    const second = await boot(dbpath);
    const c2 = second.client.db('durable').collection<AnyDoc>('bulk');
    expect(await c2.countDocuments()).toBe(12_000);
    await c2.deleteMany({ _id: { $gte: 11_000 } });
    await c2.insertOne({ _id: 'after-compaction' });
    second.cli.child.kill('SIGKILL');
    await second.cli.exited;
    const third = await boot(dbpath);
    const c3 = third.client.db('durable').collection<AnyDoc>('bulk');
    expect(await c3.countDocuments()).toBe(11_001);
    expect(await c3.findOne({ _id: 'after-compaction' })).toEqual({ _id: 'after-compaction' });
    expect((await c3.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_', '_id_1_pad_1']);
  });
});

describe('dbpath lock', () => {
  it('a second server on a dbpath held by a live one refuses to start and names the holder', async () => {
    const dbpath = await newDir('lock');
    const holder = await boot(dbpath);
    await holder.client.db('durable').collection<AnyDoc>('locked').insertOne({ _id: 1 });
    const err = await startCli(['--dbpath', dbpath]).then(
      (cli) => {
        children.push(cli);
        return new Error('second server started');
      },
      (e: Error) => e,
    );
    expect(err.message).toMatch(new RegExp(`CLI exited \\(1\\)[\\s\\S]*in use by process ${holder.cli.child.pid}`));
    expect(await holder.client.db('durable').collection<AnyDoc>('locked').findOne({ _id: 1 })).toEqual({ _id: 1 });
  });
});

describe('metadata in the journal', () => {
  it('drops, renames, index changes and collection options replay after kill -9', async () => {
    const dbpath = await newDir('ddl');
    const first = await boot(dbpath);
    const db = first.client.db('durable');
    await db.collection<AnyDoc>('keep').insertMany([{ _id: 1, at: new Date(0) }, { _id: 2 }]);
    await db.collection('keep').createIndex({ at: 1 }, { expireAfterSeconds: 3_600 });
    await db.collection('keep').createIndex({ tmp: 1 });
    await db.collection('keep').dropIndex('tmp_1');
    await db.command({ collMod: 'keep', index: { keyPattern: { at: 1 }, expireAfterSeconds: 7_200 } });
    await db.createCollection('checked', { validator: { n: { $type: 'number' } } });
    await db.collection<AnyDoc>('old_name').insertOne({ _id: 'r' });
    await db.renameCollection('old_name', 'new_name');
    await db.collection<AnyDoc>('gone').insertOne({ _id: 'g' });
    await db.dropCollection('gone');
    await first.client.db('dropped_db').collection<AnyDoc>('x').insertOne({ _id: 'x' });
    await first.client.db('dropped_db').dropDatabase();
    first.cli.child.kill('SIGKILL');
    await first.cli.exited;

    const second = await boot(dbpath);
    const db2 = second.client.db('durable');
    const names = (await db2.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).sort();
    expect(names).toEqual(['checked', 'keep', 'new_name']);
    expect(await db2.collection<AnyDoc>('new_name').findOne({ _id: 'r' })).toEqual({ _id: 'r' });
    const indexes = await db2.collection('keep').listIndexes().toArray();
    expect(indexes.map((i) => i.name)).toEqual(['_id_', 'at_1']);
    expect(indexes[1]?.expireAfterSeconds).toBe(7_200);
    await expect(db2.collection<AnyDoc>('checked').insertOne({ n: 'not a number' })).rejects.toMatchObject({ code: 121 });
    const dbs = (await second.client.db('admin').admin().listDatabases()).databases.map((d) => d.name);
    expect(dbs).not.toContain('dropped_db');
  });
});

describe('transactions and the journal', () => {
  it('after kill -9 a committed transaction is there whole and an open one left nothing', async () => {
    const dbpath = await newDir('txn');
    const first = await boot(dbpath, 'rs0');
    const coll = first.client.db('durable').collection<AnyDoc>('txn');
    await coll.insertOne({ _id: 'seed' });
    const committed = first.client.startSession();
    await committed.withTransaction(async () => {
      await coll.insertMany(Array.from({ length: 50 }, (_, i) => ({ _id: `c${i}` })), { session: committed });
      await coll.updateOne({ _id: 'seed' }, { $set: { touched: true } }, { session: committed });
    });
    const open = first.client.startSession();
    open.startTransaction();
    await coll.insertMany(Array.from({ length: 50 }, (_, i) => ({ _id: `o${i}` })), { session: open });
    await coll.deleteOne({ _id: 'seed' }, { session: open });
    first.cli.child.kill('SIGKILL');
    await first.cli.exited;
    const second = await boot(dbpath, 'rs0');
    const ids = (await second.client.db('durable').collection<AnyDoc>('txn').find({}, { projection: { _id: 1, touched: 1 } }).toArray()).map((d) => String(d._id));
    expect(ids.filter((id) => id.startsWith('c'))).toHaveLength(50);
    expect(ids.filter((id) => id.startsWith('o'))).toEqual([]);
    expect(await second.client.db('durable').collection<AnyDoc>('txn').findOne({ _id: 'seed' })).toEqual({ _id: 'seed', touched: true });
  });
});
