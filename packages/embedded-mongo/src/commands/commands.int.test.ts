import { Long, MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { start, type EmbeddedMongo } from '../index.ts';

const failure = (p: Promise<unknown>) => p.then(() => ({}) as { code?: number; message?: string }, (e: { code?: number; message?: string }) => e);

describe('validators, unsupported features, cursor timeout', () => {
  let server: EmbeddedMongo;
  let client: MongoClient;
  beforeAll(async () => {
    server = await start({ quiet: true, cursorTimeoutMs: 200 });
    client = await MongoClient.connect(server.uri, { serverSelectionTimeoutMS: 5000 });
  });
  afterAll(async () => {
    await client?.close();
    await server?.stop();
  });

  it('enforces query validators with DocumentValidationFailure (121)', async () => {
    const db = client.db('cmds');
    await db.createCollection('val', { validator: { a: { $type: 'number' } } });
    await db.collection('val').insertOne({ a: 1 });
    expect((await failure(db.collection('val').insertOne({ a: 'x' }))).code).toBe(121);
    expect((await failure(db.collection('val').updateOne({ a: 1 }, { $set: { a: 'y' } }))).code).toBe(121);
    await db.collection('val').insertOne({ a: 'z' }, { bypassDocumentValidation: true });
    expect(await db.collection('val').countDocuments()).toBe(2);
    expect((await failure(db.createCollection('js', { validator: { $jsonSchema: { bsonType: 'object' } } }))).code).toBe(115);
  });

  it('refuses what it cannot do correctly, naming it', async () => {
    const c = client.db('cmds').collection('misc');
    await c.insertOne({ s: 'a' });
    const coll = await failure(c.find({}, { collation: { locale: 'fr' } }).toArray());
    expect(coll.message).toMatch(/collation/);
    const where = await failure(c.find({ $where: 'this.s == "a"' }).toArray());
    expect(where.message).toMatch(/\$where/);
    const stage = await failure(c.aggregate([{ $collStats: {} }]).toArray());
    expect(stage.code).toBe(40324);
    expect(stage.message).toMatch(/\$collStats/);
  });

  it('reaps idle cursors after the configured timeout', async () => {
    const db = client.db('cmds');
    await db.collection('cur').insertMany(Array.from({ length: 10 }, (_, i) => ({ i })));
    const first = await db.command({ find: 'cur', batchSize: 2 });
    const id = Long.fromValue(first.cursor.id as number);
    expect(id.isZero()).toBe(false);
    await new Promise((r) => setTimeout(r, 600));
    const e = await failure(db.command({ getMore: id, collection: 'cur' }));
    expect(e.code).toBe(43);
  });
});

describe('$merge', () => {
  let server: EmbeddedMongo;
  let client: MongoClient;
  beforeAll(async () => {
    server = await start({ quiet: true });
    client = await MongoClient.connect(server.uri, { serverSelectionTimeoutMS: 5000 });
  });
  afterAll(async () => {
    await client?.close();
    await server?.stop();
  });

  it('honours on, whenMatched and whenNotMatched', async () => {
    const db = client.db('merge');
    await db.collection('src').insertMany([{ _id: 1, k: 'a', v: 1 }, { _id: 2, k: 'b', v: 2 }] as never[]);
    await db.collection('dst').insertOne({ _id: 10, k: 'a', v: 0, keep: true } as never);
    await db.collection('src').aggregate([{ $project: { _id: 0, k: 1, v: 1 } }, { $merge: { into: 'dst', on: 'k', whenMatched: 'merge', whenNotMatched: 'discard' } }]).toArray();
    expect(await db.collection('dst').find().toArray()).toEqual([{ _id: 10, k: 'a', v: 1, keep: true }]);
    await db.collection('src').aggregate([{ $merge: { into: 'dst', whenMatched: 'keepExisting' } }]).toArray();
    expect(await db.collection('dst').countDocuments()).toBe(3);
    const e = await failure(db.collection('src').aggregate([{ $merge: { into: 'dst', whenMatched: 'fail' } }]).toArray());
    expect(e.code).toBe(11000);
  });
});
