// Edge cases of mongod's update and query semantics that reimplementations often miss: padding
// arrays, $unset on array elements, type errors, nested arrays, numeric path components, sorts
// through arrays, projection of arrays of documents.
import type { Collection, Document } from 'mongodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { errorOf, startServer } from './helpers/server.ts';
import type { TestServer } from './helpers/server.ts';

let ts: TestServer;
let coll: Collection<Document>;
let n = 0;
beforeAll(async () => {
  ts = await startServer();
});
afterAll(async () => {
  await ts?.stop();
});
beforeEach(async () => {
  coll = ts.client.db('edges').collection(`e${n++}`);
});
const put = (...docs: Document[]) => coll.insertMany(docs as never[]);
const get = (id: unknown) => coll.findOne({ _id: id } as never);
const upd = (id: unknown, update: Document) => coll.updateOne({ _id: id } as never, update);
const ids = async (filter: Document) => (await coll.find(filter, { sort: { _id: 1 } }).toArray()).map((d) => d._id);

describe('update edge cases', () => {
  it('$set past the end of an array pads with null; numeric path into a missing field makes an object', async () => {
    await put({ _id: 1, a: [1] });
    await upd(1, { $set: { 'a.3': 4, 'b.0': 'x' } });
    expect(await get(1)).toEqual({ _id: 1, a: [1, null, null, 4], b: { 0: 'x' } });
  });
  it('$unset of an array element sets it to null (the array keeps its length)', async () => {
    await put({ _id: 1, a: [1, 2, 3] });
    await upd(1, { $unset: { 'a.1': '' } });
    expect(await get(1)).toEqual({ _id: 1, a: [1, null, 3] });
  });
  it('$mul and $inc on a missing field create it (0 for $mul)', async () => {
    await put({ _id: 1 });
    await upd(1, { $mul: { m: 5 }, $inc: { i: 2 } });
    expect(await get(1)).toEqual({ _id: 1, m: 0, i: 2 });
  });
  it('$push onto a non-array fails with BadValue (2); $pop on an empty array is a no-op', async () => {
    await put({ _id: 1, s: 'str', e: [] });
    const err = await errorOf(() => upd(1, { $push: { s: 1 } }));
    expect(err).toMatchObject({ code: 2 });
    expect(err.message).toMatch(/must be an array but is of type string/);
    expect(await upd(1, { $pop: { e: 1 } })).toMatchObject({ matchedCount: 1, modifiedCount: 0 });
  });
  it('$min/$max compare across types by BSON order; $rename moves into nested paths', async () => {
    await put({ _id: 1, lo: 5, hi: 5, d: new Date('2024-01-01'), old: { x: 1 } });
    await upd(1, { $min: { lo: null, d: new Date('2023-01-01') }, $max: { hi: 'a string' }, $rename: { 'old.x': 'fresh.y' } });
    expect(await get(1)).toEqual({ _id: 1, lo: null, hi: 'a string', d: new Date('2023-01-01'), old: {}, fresh: { y: 1 } });
  });
  it('setting a field inside an array of scalars fails with PathNotViable (28)', async () => {
    await put({ _id: 1, a: [1, 2] });
    const err = await errorOf(() => upd(1, { $set: { 'a.x': 1 } }));
    expect(err).toMatchObject({ code: 28, codeName: 'PathNotViable' });
  });
  it('upsert copies equality fields from $and and dotted paths, but not operators', async () => {
    await coll.updateOne({ $and: [{ 'a.b': 1 }, { c: { $gt: 5 } }], d: 'x' }, { $set: { e: 1 } }, { upsert: true });
    const doc = await coll.findOne({ d: 'x' }, { projection: { _id: 0 } });
    expect(doc).toEqual({ a: { b: 1 }, d: 'x', e: 1 });
  });
});

describe('query edge cases', () => {
  it('nested arrays: {a: [1, 2]} matches the inner array, {a: 1} does not reach two levels down', async () => {
    await put({ _id: 1, a: [[1, 2], 3] }, { _id: 2, a: [1, 2] }, { _id: 3, a: 1 });
    expect(await ids({ a: [1, 2] })).toEqual([1, 2]);
    expect(await ids({ a: 1 })).toEqual([2, 3]);
    expect(await ids({ a: { $size: 2 } })).toEqual([1, 2]);
    expect(await ids({ a: { $type: 'array' } })).toEqual([1, 2]);
  });
  it('numeric path components address array positions and object keys alike', async () => {
    await put({ _id: 1, a: ['x', 'y'] }, { _id: 2, a: { 1: 'y' } }, { _id: 3, a: [{ 1: 'y' }] });
    expect(await ids({ 'a.1': 'y' })).toEqual([1, 2, 3]);
    expect(await ids({ 'a.1': { $exists: true } })).toEqual([1, 2, 3]);
  });
  it('$all with $elemMatch clauses, $in with a regex over arrays, $not with a regex', async () => {
    await put({ _id: 1, t: [{ k: 'a', v: 1 }, { k: 'b', v: 2 }], s: ['apple', 'kiwi'] }, { _id: 2, t: [{ k: 'a', v: 5 }], s: ['banana'] });
    expect(await ids({ t: { $all: [{ $elemMatch: { k: 'a' } }, { $elemMatch: { k: 'b', v: { $gte: 2 } } }] } })).toEqual([1]);
    expect(await ids({ s: { $in: [/^ban/, 'kiwi'] } })).toEqual([1, 2]);
    expect(await ids({ s: { $not: /^a/ } })).toEqual([2]);
  });
  it('sorting by a path through an array of documents uses the smallest / largest element', async () => {
    await put({ _id: 1, r: [{ n: 5 }, { n: 1 }] }, { _id: 2, r: [{ n: 3 }] }, { _id: 3, r: [{ n: 2 }, { n: 9 }] });
    expect((await coll.find({}, { sort: { 'r.n': 1 } }).toArray()).map((d) => d._id)).toEqual([1, 3, 2]);
    expect((await coll.find({}, { sort: { 'r.n': -1 } }).toArray()).map((d) => d._id)).toEqual([3, 1, 2]);
  });
  it('projection of a field inside an array of documents keeps the array shape', async () => {
    await put({ _id: 1, r: [{ n: 1, m: 2 }, { m: 3 }, 7], z: 1 });
    expect(await coll.findOne({}, { projection: { 'r.n': 1, _id: 0 } })).toEqual({ r: [{ n: 1 }, {}] });
    expect(await coll.findOne({}, { projection: { 'r.m': 0, z: 0, _id: 0 } })).toEqual({ r: [{ n: 1 }, {}, 7] });
    expect(await coll.findOne({}, { projection: { r: { $slice: [1, 1] }, _id: 0, z: 0 } })).toEqual({ r: [{ m: 3 }] });
  });
  it('$elemMatch on scalars; $size with a non-integer matches nothing; $size with a string is BadValue', async () => {
    await put({ _id: 1, v: [1, 10, 100] }, { _id: 2, v: [5] });
    expect(await ids({ v: { $elemMatch: { $gt: 4, $lt: 11 } } })).toEqual([1, 2]);
    expect(await ids({ v: { $size: 1.5 } })).toEqual([]);
    await expect(coll.find({ v: { $size: 'one' } }).toArray()).rejects.toMatchObject({ code: 2 });
  });
  it('distinct flattens arrays (one level), reaches through arrays of documents, and keeps types apart', async () => {
    await put({ _id: 1, t: ['a', 'b'], r: [{ k: 1 }, { k: 2 }], n: 1 }, { _id: 2, t: 'a', r: { k: 2 }, n: 1.0 }, { _id: 3, t: [['a'], 'c'], n: '1' }, { _id: 4 });
    const sortKey = (v: unknown) => JSON.stringify(v);
    expect((await coll.distinct('t')).sort((x, y) => sortKey(x).localeCompare(sortKey(y)))).toEqual([['a'], 'a', 'b', 'c'].sort((x, y) => sortKey(x).localeCompare(sortKey(y))));
    expect((await coll.distinct('r.k')).sort()).toEqual([1, 2]);
    expect(await coll.distinct('n', { _id: { $lte: 3 } } as never)).toHaveLength(2);
  });
  it('countDocuments honours skip and limit; estimatedDocumentCount follows deletes', async () => {
    await put(...Array.from({ length: 10 }, (_, i) => ({ _id: i })));
    expect(await coll.countDocuments({}, { skip: 3, limit: 4 })).toBe(4);
    expect(await coll.countDocuments({ _id: { $gte: 8 } } as never, { skip: 1 })).toBe(1);
    await coll.deleteMany({ _id: { $lt: 5 } } as never);
    expect(await coll.estimatedDocumentCount()).toBe(5);
  });
});
