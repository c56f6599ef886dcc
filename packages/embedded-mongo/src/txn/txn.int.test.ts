import { MongoClient } from 'mongodb';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { start, type EmbeddedMongo } from '../index.ts';

describe('sessions and transactions (replica-set mode)', () => {
  let server: EmbeddedMongo;
  let client: MongoClient;
  beforeAll(async () => {
    server = await start({ quiet: true, replSet: 'rs0' });
    client = await MongoClient.connect(server.uri, { serverSelectionTimeoutMS: 5000 });
  });
  afterAll(async () => {
    await client?.close();
    await server?.stop();
  });

  it('mongoose transactions commit and abort', async () => {
    const conn = await mongoose.createConnection(server.uri, { dbName: 'mtx' }).asPromise();
    const M = conn.model('Item', new mongoose.Schema({ name: String }));
    await M.createCollection();
    await conn.transaction(async (session) => {
      await M.create([{ name: 'kept' }], { session });
    });
    await conn
      .transaction(async (session) => {
        await M.create([{ name: 'dropped' }], { session });
        throw new Error('rollback');
      })
      .catch(() => undefined);
    expect((await M.find().lean()).map((d) => d.name)).toEqual(['kept']);
    await conn.close();
  });

  it('abortTransaction without a transaction answers NoSuchTransaction (251)', async () => {
    const lsid = { id: new (await import('bson')).UUID() };
    const e = (await client
      .db('admin')
      .command({ abortTransaction: 1, lsid, txnNumber: 5, autocommit: false })
      .then(() => ({}), (x: unknown) => x)) as { code?: number };
    expect(e.code).toBe(251);
  });

  it('a plain upsert on an _id inserted by an open transaction waits, then updates it', async () => {
    const coll = client.db('tx2').collection<{ _id: string; a?: number; b?: number }>('u');
    await client.db('tx2').createCollection('u');
    const s = client.startSession();
    s.startTransaction();
    await coll.insertOne({ _id: 'k', a: 1 }, { session: s });
    let done = false;
    const plain = coll.updateOne({ _id: 'k' }, { $set: { b: 2 } }, { upsert: true }).then((r) => {
      done = true;
      return r;
    });
    await new Promise((r) => setTimeout(r, 150));
    expect(done).toBe(false);
    await s.commitTransaction();
    const res = await plain;
    expect(res.upsertedCount).toBe(0);
    expect(await coll.findOne({ _id: 'k' })).toEqual({ _id: 'k', a: 1, b: 2 });
    await s.endSession();
  });
});
