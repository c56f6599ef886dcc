// Update operator families through the driver: field and array operators, positional `$`,
// `$[]` and arrayFilters, upsert with $setOnInsert, pipeline updates, replacement rules.
import { Int32, Long } from 'mongodb';
import type { Collection, Document } from 'mongodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { errorOf, startServer } from './helpers/server.ts';
import type { TestServer } from './helpers/server.ts';

let ts: TestServer;
let coll: Collection<Document>;

beforeAll(async () => {
  ts = await startServer();
});
afterAll(async () => {
  await ts?.stop();
});
let n = 0;
beforeEach(async () => {
  coll = ts.client.db('update_ops').collection(`c${n++}`);
  await coll.insertMany([
    { _id: 1, a: 1, arr: [1, 2, 3, 2], grades: [{ g: 80, mean: 75 }, { g: 85, mean: 90 }, { g: 85, mean: 85 }], nested: { x: 1 } },
    { _id: 2, a: 2, arr: [], grades: [] },
  ] as never[]);
});

const one = (id: number) => coll.findOne({ _id: id } as never);
const upd = (id: number, update: Document) => coll.updateOne({ _id: id } as never, update);

describe('field operators', () => {
  it('$set, $unset, $inc, $mul, $min, $max, $rename, $currentDate', async () => {
    await coll.updateOne({ _id: 1 } as never, { $set: { 'nested.y': 2, b: 'x' }, $unset: { a: '' }, $inc: { c: 5 } });
    await coll.updateOne({ _id: 1 } as never, { $mul: { c: 3 }, $min: { 'nested.x': 0 }, $max: { 'nested.y': 10 }, $rename: { b: 'bee' } });
    await coll.updateOne({ _id: 1 } as never, { $currentDate: { at: true } });
    const doc = await one(1);
    expect(doc).toMatchObject({ c: 15, nested: { x: 0, y: 10 }, bee: 'x' });
    expect(doc).not.toHaveProperty('a');
    expect(doc).not.toHaveProperty('b');
    expect(doc?.at).toBeInstanceOf(Date);
  });
  it('$inc keeps the numeric type rules: int + int stays int, int + long becomes long', async () => {
    await coll.updateOne({ _id: 2 } as never, { $set: { i: new Int32(1), l: new Int32(1) } });
    await coll.updateOne({ _id: 2 } as never, { $inc: { i: new Int32(2), l: Long.fromNumber(2) } });
    const raw = await ts.client.db('update_ops').collection(coll.collectionName, { promoteLongs: false } as never).findOne({ _id: 2 } as never);
    expect(raw?.i).toBe(3);
    expect(Long.isLong(raw?.l)).toBe(true);
  });
  it('$inc on a non-numeric field fails with TypeMismatch (14)', async () => {
    await coll.updateOne({ _id: 2 } as never, { $set: { s: 'str' } });
    const err = await errorOf(() => coll.updateOne({ _id: 2 } as never, { $inc: { s: 1 } }));
    expect(err).toMatchObject({ code: 14, codeName: 'TypeMismatch' });
  });
  it('conflicting paths in one update fail with ConflictingUpdateOperators (40)', async () => {
    const err = await errorOf(() => coll.updateOne({ _id: 1 } as never, { $set: { a: 1 }, $inc: { a: 1 } }));
    expect(err).toMatchObject({ code: 40, codeName: 'ConflictingUpdateOperators' });
  });
  it('changing _id fails with ImmutableField (66)', async () => {
    const err = await errorOf(() => coll.updateOne({ _id: 1 } as never, { $set: { _id: 9 } }));
    expect(err).toMatchObject({ code: 66, codeName: 'ImmutableField' });
  });
});

describe('array operators', () => {
  it('$push with $each/$sort/$slice/$position, $addToSet, $pull, $pullAll, $pop', async () => {
    await upd(1, { $push: { arr: { $each: [9, 0], $position: 0 } } });
    expect((await one(1))?.arr).toEqual([9, 0, 1, 2, 3, 2]);
    await upd(1, { $push: { arr: { $each: [7], $sort: 1, $slice: 4 } } });
    expect((await one(1))?.arr).toEqual([0, 1, 2, 2]);
    await upd(1, { $addToSet: { arr: { $each: [2, 5] } } });
    expect((await one(1))?.arr).toEqual([0, 1, 2, 2, 5]);
    await upd(1, { $pull: { arr: 2 } });
    expect((await one(1))?.arr).toEqual([0, 1, 5]);
    await upd(1, { $pullAll: { arr: [0, 5] } });
    expect((await one(1))?.arr).toEqual([1]);
    await upd(1, { $pull: { grades: { g: { $gte: 85 } } } });
    expect((await one(1))?.grades).toEqual([{ g: 80, mean: 75 }]);
    await upd(2, { $push: { arr: { $each: [1, 2, 3] } } });
    await upd(2, { $pop: { arr: -1 } });
    expect((await one(2))?.arr).toEqual([2, 3]);
  });
  it('positional $ updates the first matched element', async () => {
    await coll.updateOne({ _id: 1, arr: 2 } as never, { $set: { 'arr.$': 20 } });
    expect((await one(1))?.arr).toEqual([1, 20, 3, 2]);
    await coll.updateOne({ _id: 1, 'grades.g': 85 } as never, { $inc: { 'grades.$.mean': 100 } });
    expect((await one(1))?.grades).toEqual([{ g: 80, mean: 75 }, { g: 85, mean: 190 }, { g: 85, mean: 85 }]);
  });
  it('$[] updates all elements, $[id] with arrayFilters the matching ones', async () => {
    await coll.updateOne({ _id: 1 } as never, { $inc: { 'arr.$[]': 10 } });
    expect((await one(1))?.arr).toEqual([11, 12, 13, 12]);
    await coll.updateOne({ _id: 1 } as never, { $set: { 'grades.$[el].mean': 100 } }, { arrayFilters: [{ 'el.g': { $gte: 85 } }] });
    expect((await one(1))?.grades).toEqual([{ g: 80, mean: 75 }, { g: 85, mean: 100 }, { g: 85, mean: 100 }]);
    await coll.updateMany({}, { $set: { 'arr.$[x]': 0 } }, { arrayFilters: [{ x: { $gt: 12 } }] });
    expect((await one(1))?.arr).toEqual([11, 12, 0, 12]);
  });
  it('an arrayFilters identifier without a filter fails with BadValue (2)', async () => {
    const err = await errorOf(() => coll.updateOne({ _id: 1 } as never, { $set: { 'arr.$[nope]': 1 } }));
    expect(err).toMatchObject({ code: 2, codeName: 'BadValue' });
  });
});

describe('upsert, replacement and pipelines', () => {
  it('upsert inserts from equality fields plus $setOnInsert, and skips $setOnInsert on update', async () => {
    const res = await coll.updateOne({ _id: 7, kind: 'k' } as never, { $set: { v: 1 }, $setOnInsert: { created: true } }, { upsert: true });
    expect(res).toMatchObject({ matchedCount: 0, modifiedCount: 0, upsertedCount: 1, upsertedId: 7 });
    expect(await one(7)).toEqual({ _id: 7, kind: 'k', v: 1, created: true });
    const again = await coll.updateOne({ _id: 7 } as never, { $set: { v: 2 }, $setOnInsert: { created: false } }, { upsert: true });
    expect(again).toMatchObject({ matchedCount: 1, modifiedCount: 1, upsertedCount: 0 });
    expect(await one(7)).toEqual({ _id: 7, kind: 'k', v: 2, created: true });
  });
  it('upsert without _id generates an ObjectId and reports it', async () => {
    const res = await coll.updateOne({ email: 'a@b.c' }, { $set: { n: 1 } }, { upsert: true });
    expect(res.upsertedId?.constructor.name).toBe('ObjectId');
    expect(await coll.countDocuments({ email: 'a@b.c' })).toBe(1);
  });
  it('a no-op $set matches but does not modify', async () => {
    const res = await coll.updateOne({ _id: 1 } as never, { $set: { a: 1 } });
    expect(res).toMatchObject({ matchedCount: 1, modifiedCount: 0 });
  });
  it('replaceOne keeps _id and replaces every other field', async () => {
    await coll.replaceOne({ _id: 1 } as never, { only: true });
    expect(await one(1)).toEqual({ _id: 1, only: true });
  });
  it('update pipelines with $set/$unset/$addFields and expressions', async () => {
    await coll.updateOne({ _id: 1 } as never, [{ $set: { total: { $sum: '$arr' }, copy: '$nested.x' } }, { $unset: ['grades'] }]);
    expect(await one(1)).toEqual({ _id: 1, a: 1, arr: [1, 2, 3, 2], nested: { x: 1 }, total: 8, copy: 1 });
    await coll.updateMany({}, [{ $addFields: { a2: { $multiply: ['$a', 2] } } }]);
    expect((await coll.find({}, { sort: { _id: 1 } }).toArray()).map((d) => d.a2)).toEqual([2, 4]);
  });
  it('findOneAndUpdate returns the document before or after, with projection', async () => {
    const before = await coll.findOneAndUpdate({ _id: 1 } as never, { $inc: { a: 1 } }, { projection: { a: 1 } });
    expect(before).toEqual({ _id: 1, a: 1 });
    const after = await coll.findOneAndUpdate({ _id: 1 } as never, { $inc: { a: 1 } }, { returnDocument: 'after', projection: { a: 1, _id: 0 } });
    expect(after).toEqual({ a: 3 });
    const upserted = await coll.findOneAndUpdate({ _id: 9 } as never, { $set: { z: 1 } }, { upsert: true, returnDocument: 'after' });
    expect(upserted).toEqual({ _id: 9, z: 1 });
  });
});
