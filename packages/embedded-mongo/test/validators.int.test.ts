// Collection validators (plain query validators): enforced on insert, update and replace with
// DocumentValidationFailure (121); validationAction 'warn', validationLevel 'moderate' and
// bypassDocumentValidation behave as in mongod; $jsonSchema is refused as unsupported.
import type { Db } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, startServer } from './helpers/server.ts';
import type { AnyDoc, TestServer } from './helpers/server.ts';

let ts: TestServer;
let db: Db;
beforeAll(async () => {
  ts = await startServer();
  db = ts.client.db('validators');
});
afterAll(async () => {
  await ts?.stop();
});

describe('collection validators', () => {
  it('reject invalid inserts, updates and replacements with 121 DocumentValidationFailure', async () => {
    await db.createCollection('people', { validator: { age: { $type: 'number', $gte: 18 }, email: { $exists: true } } });
    const people = db.collection<AnyDoc>('people');
    await people.insertOne({ _id: 1, age: 30, email: 'a@x.io' });
    const ins = await errorOf(() => people.insertOne({ _id: 2, age: 12, email: 'kid@x.io' }));
    expect(ins).toMatchObject({ code: 121, codeName: 'DocumentValidationFailure' });
    expect(ins.message).toBe('Document failed validation');
    expect(ins.errInfo).toMatchObject({ failingDocumentId: 2 });
    await expect(people.updateOne({ _id: 1 }, { $set: { age: 'old' } })).rejects.toMatchObject({ code: 121 });
    await expect(people.replaceOne({ _id: 1 }, { age: 40 })).rejects.toMatchObject({ code: 121 });
    await expect(people.insertMany([{ _id: 3, age: 20, email: 'b' }, { _id: 4, age: 5, email: 'c' }], { ordered: false })).rejects.toMatchObject({ code: 121 });
    expect(await people.find({}, { sort: { _id: 1 } }).toArray()).toEqual([{ _id: 1, age: 30, email: 'a@x.io' }, { _id: 3, age: 20, email: 'b' }]);
  });
  it('bypassDocumentValidation skips the check', async () => {
    const people = db.collection<AnyDoc>('people');
    await people.insertOne({ _id: 9, age: 1 }, { bypassDocumentValidation: true });
    expect(await people.findOne({ _id: 9 })).toEqual({ _id: 9, age: 1 });
  });
  it("validationLevel 'moderate' leaves already-invalid documents updatable", async () => {
    await db.command({ collMod: 'people', validationLevel: 'moderate' });
    const people = db.collection<AnyDoc>('people');
    await people.updateOne({ _id: 9 }, { $set: { note: 'was invalid before' } });
    expect(await people.findOne({ _id: 9 })).toEqual({ _id: 9, age: 1, note: 'was invalid before' });
    await expect(people.updateOne({ _id: 1 }, { $set: { age: 3 } })).rejects.toMatchObject({ code: 121 });
  });
  it("validationAction 'warn' accepts invalid documents", async () => {
    await db.command({ collMod: 'people', validationAction: 'warn' });
    await db.collection<AnyDoc>('people').insertOne({ _id: 10, age: 2 });
    const info = (await db.listCollections({ name: 'people' }).toArray())[0] as { options?: object } | undefined;
    expect(info?.options).toMatchObject({ validationAction: 'warn', validationLevel: 'moderate' });
  });
  it('$jsonSchema validators are refused with 115 CommandNotSupported (known limitation)', async () => {
    const err = await errorOf(() => db.createCollection('schema', { validator: { $jsonSchema: { bsonType: 'object' } } }));
    expect(err).toMatchObject({ code: 115, codeName: 'CommandNotSupported' });
    expect(err.message).toMatch(/\$jsonSchema/);
  });
});
