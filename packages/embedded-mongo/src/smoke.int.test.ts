import { MongoClient } from 'mongodb';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { start, type EmbeddedMongo } from './index.ts';

describe('embedded-mongo wire smoke', () => {
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

  it('runs CRUD with the driver, including getMore batches', async () => {
    const c = client.db('smoke').collection('docs');
    await c.insertMany(Array.from({ length: 250 }, (_, i) => ({ i })));
    expect(await c.countDocuments({ i: { $gte: 100 } })).toBe(150);
    expect(await c.find({}).batchSize(7).toArray()).toHaveLength(250);
    const upd = await c.updateMany({ i: { $lt: 10 } }, { $inc: { i: 1000 } });
    expect(upd.modifiedCount).toBe(10);
    const fam = await c.findOneAndUpdate({ i: 1000 }, { $set: { z: 1 } }, { returnDocument: 'after' });
    expect(fam?.z).toBe(1);
    expect((await c.deleteMany({ i: { $gte: 1000 } })).deletedCount).toBe(10);
    expect(await c.aggregate([{ $group: { _id: null, n: { $sum: 1 } } }]).toArray()).toEqual([{ _id: null, n: 240 }]);
  });

  it('reports duplicate keys in mongod shape', async () => {
    const c = client.db('smoke').collection('users');
    await c.createIndex({ email: 1 }, { unique: true });
    await c.insertOne({ email: 'a@example.test' });
    const e = (await c.insertOne({ email: 'a@example.test' }).then(
      () => ({}),
      (x: unknown) => x,
    )) as { code?: number; errmsg?: string; keyValue?: unknown };
    expect(e.code).toBe(11000);
    expect(e.errmsg).toBe('E11000 duplicate key error collection: smoke.users index: email_1 dup key: { email: "a@example.test" }');
    expect(e.keyValue).toEqual({ email: 'a@example.test' });
  });

  it('answers unknown commands with CommandNotFound', async () => {
    const e = await client.db('smoke').command({ frobnicate: 1 }).catch((x: unknown) => x as { code: number; errmsg: string });
    expect(e.code).toBe(59);
    expect(e.errmsg).toBe("no such command: 'frobnicate'");
  });

  it('works with mongoose, indexes included', async () => {
    const conn = await mongoose.createConnection(server.uri, { dbName: 'mg' }).asPromise();
    const M = conn.model('User', new mongoose.Schema({ email: { type: String, unique: true }, n: Number }));
    await M.syncIndexes();
    await M.create({ email: 'x@example.test', n: 1 });
    expect(await M.countDocuments()).toBe(1);
    expect((await M.findOne({ email: 'x@example.test' }).lean())?.n).toBe(1);
    await expect(M.create({ email: 'x@example.test' })).rejects.toMatchObject({ code: 11000 });
    await conn.close();
  });

  it('connects as a one-member replica set', async () => {
    const rs = await start({ quiet: true, replSet: 'rs0' });
    const c = await MongoClient.connect(rs.uri, { serverSelectionTimeoutMS: 5000 });
    const hello = await c.db('admin').command({ hello: 1 });
    expect(hello.setName).toBe('rs0');
    expect(hello.isWritablePrimary).toBe(true);
    await c.db('x').collection('y').insertOne({ a: 1 });
    await c.close();
    await rs.stop();
  });
});
