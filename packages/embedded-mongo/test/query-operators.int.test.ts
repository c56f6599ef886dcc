// Query operator families through the driver: numeric comparison across BSON types, null vs
// missing, cross-type sort order, logical, element, array, regex, $expr and projections.
import { Binary, Decimal128, Double, Int32, Long, MaxKey, MinKey, ObjectId, Timestamp } from 'mongodb';
import type { Collection, Document } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from './helpers/server.ts';
import type { AnyDoc, TestServer } from './helpers/server.ts';

let ts: TestServer;
let nums: Collection<AnyDoc>;
let items: Collection<AnyDoc>;

const ids = async (c: Collection<AnyDoc>, filter: Document, sort: Document = { _id: 1 }) =>
  (await c.find(filter, { sort, projection: { _id: 1 } }).toArray()).map((d) => d._id as unknown);

beforeAll(async () => {
  ts = await startServer();
  const db = ts.client.db('query_ops');
  nums = db.collection<AnyDoc>('nums');
  await nums.insertMany([
    { _id: 'int', v: new Int32(5) },
    { _id: 'long', v: Long.fromNumber(5) },
    { _id: 'double', v: new Double(5.0) },
    { _id: 'decimal', v: Decimal128.fromString('5') },
    { _id: 'bigLong', v: Long.fromString('9007199254740993') },
    { _id: 'half', v: new Double(4.5) },
    { _id: 'null', v: null },
    { _id: 'missing' },
    { _id: 'str', v: '5' },
  ]);
  items = db.collection<AnyDoc>('items');
  await items.insertMany([
    { _id: 1, name: 'Alpha', tags: ['a', 'b'], qty: 10, sizes: [{ s: 'S', n: 1 }, { s: 'M', n: 5 }], nested: { x: 1 } },
    { _id: 2, name: 'beta', tags: ['b', 'c', 'd'], qty: 20, sizes: [{ s: 'M', n: 0 }], nested: { x: 2 } },
    { _id: 3, name: 'gamma', tags: [], qty: 30, sizes: [], nested: { x: 3, y: 'yes' } },
    { _id: 4, name: 'Alphabet', tags: ['a'], qty: 40 },
  ]);
});
afterAll(async () => {
  await ts?.stop();
});

describe('comparison across Int32, Long, Double and Decimal128', () => {
  it('equality matches every numeric type of the same value, never the string', async () => {
    expect(await ids(nums, { v: 5 })).toEqual(['decimal', 'double', 'int', 'long']);
    expect(await ids(nums, { v: Long.fromNumber(5) })).toEqual(['decimal', 'double', 'int', 'long']);
    expect(await ids(nums, { v: Decimal128.fromString('5.0') })).toEqual(['decimal', 'double', 'int', 'long']);
  });
  it('range operators compare by value across types', async () => {
    expect(await ids(nums, { v: { $gt: 4.5 } })).toEqual(['bigLong', 'decimal', 'double', 'int', 'long']);
    expect(await ids(nums, { v: { $lt: Long.fromNumber(5) } })).toEqual(['half']);
    expect(await ids(nums, { v: { $gte: Decimal128.fromString('4.5'), $lte: new Int32(5) } })).toEqual(['decimal', 'double', 'half', 'int', 'long']);
    expect(await ids(nums, { v: { $gt: Long.fromString('9007199254740992') } })).toEqual(['bigLong']);
  });
  it('$in / $nin / $ne', async () => {
    expect(await ids(nums, { v: { $in: [4.5, '5'] } })).toEqual(['half', 'str']);
    expect(await ids(nums, { v: { $nin: [5, null] } })).toEqual(['bigLong', 'half', 'str']);
    expect(await ids(nums, { v: { $ne: 5 } })).toEqual(['bigLong', 'half', 'missing', 'null', 'str']);
  });
});

describe('null versus missing', () => {
  it('{v: null} matches null and missing; $exists and $type tell them apart', async () => {
    expect(await ids(nums, { v: null })).toEqual(['missing', 'null']);
    expect(await ids(nums, { v: { $exists: false } })).toEqual(['missing']);
    expect(await ids(nums, { v: { $type: 'null' } })).toEqual(['null']);
    expect(await ids(nums, { v: { $type: 'number' } })).toEqual(['bigLong', 'decimal', 'double', 'half', 'int', 'long']);
    expect(await ids(nums, { v: { $type: 2 } })).toEqual(['str']);
    expect(await ids(nums, { v: { $type: ['long', 'decimal'] } })).toEqual(['bigLong', 'decimal', 'long']);
  });
});

describe('cross-type sort order', () => {
  it('sorts MinKey < null < numbers < string < object < binData < ObjectId < bool < date < timestamp < regex < MaxKey', async () => {
    const coll = ts.client.db('query_ops').collection<AnyDoc>('mixed');
    const values: [string, unknown][] = [
      ['k_max', new MaxKey()], ['j_regex', /x/], ['i_ts', new Timestamp({ t: 1, i: 1 })], ['h_date', new Date(0)],
      ['g_bool', false], ['f_oid', new ObjectId()], ['e_bin', new Binary(Buffer.from('x'))], ['d_obj', { a: 1 }],
      ['c_str', 'abc'], ['b_num', 3], ['b_num0', Long.fromNumber(-2)], ['a_null', null], ['0_min', new MinKey()],
    ];
    await coll.insertMany(values.map(([id, v]) => ({ _id: id, v })) as never[]);
    const asc = (await coll.find({}, { sort: { v: 1, _id: 1 } }).toArray()).map((d) => d._id);
    expect(asc).toEqual(['0_min', 'a_null', 'b_num0', 'b_num', 'c_str', 'd_obj', 'e_bin', 'f_oid', 'g_bool', 'h_date', 'i_ts', 'j_regex', 'k_max']);
    const desc = (await coll.find({}, { sort: { v: -1, _id: 1 } }).toArray()).map((d) => d._id);
    expect(desc).toEqual([...asc].reverse());
  });
  it('a missing field sorts with null, and arrays sort by their smallest element ascending', async () => {
    const coll = ts.client.db('query_ops').collection<AnyDoc>('sort_arrays');
    await coll.insertMany([{ _id: 1, v: [5, 1] }, { _id: 2, v: 3 }, { _id: 3 }, { _id: 4, v: null }, { _id: 5, v: [2, 9] }] as never[]);
    expect(await ids(coll, {}, { v: 1, _id: 1 })).toEqual([3, 4, 1, 5, 2]);
    expect(await ids(coll, {}, { v: -1, _id: 1 })).toEqual([5, 1, 2, 3, 4]);
  });
});

describe('logical, element, array, regex and $expr', () => {
  it('$and / $or / $nor / $not', async () => {
    expect(await ids(items, { $and: [{ qty: { $gt: 10 } }, { qty: { $lt: 40 } }] })).toEqual([2, 3]);
    expect(await ids(items, { $or: [{ name: 'beta' }, { qty: 40 }] })).toEqual([2, 4]);
    expect(await ids(items, { $nor: [{ qty: 10 }, { qty: 20 }] })).toEqual([3, 4]);
    expect(await ids(items, { qty: { $not: { $gt: 15 } } })).toEqual([1]);
  });
  it('$all / $elemMatch / $size / implicit array match / dotted paths through arrays', async () => {
    expect(await ids(items, { tags: 'b' })).toEqual([1, 2]);
    expect(await ids(items, { tags: { $all: ['b', 'c'] } })).toEqual([2]);
    expect(await ids(items, { tags: { $size: 0 } })).toEqual([3]);
    expect(await ids(items, { sizes: { $elemMatch: { s: 'M', n: { $gt: 0 } } } })).toEqual([1]);
    expect(await ids(items, { 'sizes.s': 'M', 'sizes.n': 1 })).toEqual([1]);
    expect(await ids(items, { 'sizes.n': { $gte: 5 } })).toEqual([1]);
    expect(await ids(items, { 'sizes.0.s': 'S' })).toEqual([1]);
    expect(await ids(items, { 'nested.y': { $exists: true } })).toEqual([3]);
  });
  it('$regex with options, regex literals and regexes inside $in', async () => {
    expect(await ids(items, { name: { $regex: '^alpha', $options: 'i' } })).toEqual([1, 4]);
    expect(await ids(items, { name: /^Alpha$/ })).toEqual([1]);
    expect(await ids(items, { name: { $in: [/^b/, 'gamma'] } })).toEqual([2, 3]);
  });
  it('$expr, $mod and $in on _id', async () => {
    expect(await ids(items, { $expr: { $gt: ['$qty', { $multiply: ['$_id', 10] }] } })).toEqual([]);
    expect(await ids(items, { $expr: { $eq: ['$qty', { $multiply: ['$_id', 10] }] } })).toEqual([1, 2, 3, 4]);
    expect(await ids(items, { qty: { $mod: [20, 0] } })).toEqual([2, 4]);
    expect(await ids(items, { _id: { $in: [4, 2] } })).toEqual([2, 4]);
  });
  it('an unknown query operator is a BadValue (2) error', async () => {
    await expect(items.find({ qty: { $bogus: 1 } }).toArray()).rejects.toMatchObject({ code: 2, codeName: 'BadValue' });
  });
});

describe('projections', () => {
  it('inclusion, exclusion, _id suppression and dotted fields', async () => {
    expect(await items.findOne({ _id: 3 }, { projection: { name: 1 } })).toEqual({ _id: 3, name: 'gamma' });
    expect(await items.findOne({ _id: 3 }, { projection: { _id: 0, 'nested.x': 1 } })).toEqual({ nested: { x: 3 } });
    expect(await items.findOne({ _id: 4 }, { projection: { tags: 0, qty: 0 } })).toEqual({ _id: 4, name: 'Alphabet' });
  });
  it('$slice, $elemMatch and the positional $ projection', async () => {
    expect(await items.findOne({ _id: 2 }, { projection: { tags: { $slice: 2 }, _id: 0, qty: 1 } })).toEqual({ tags: ['b', 'c'], qty: 20 });
    expect(await items.findOne({ _id: 2 }, { projection: { tags: { $slice: -1 }, name: 0, sizes: 0, nested: 0, qty: 0 } })).toEqual({ _id: 2, tags: ['d'] });
    expect(await items.findOne({ _id: 1 }, { projection: { sizes: { $elemMatch: { s: 'M' } } } })).toEqual({ _id: 1, sizes: [{ s: 'M', n: 5 }] });
    expect(await items.findOne({ 'sizes.s': 'M', _id: 1 }, { projection: { 'sizes.$': 1 } })).toEqual({ _id: 1, sizes: [{ s: 'M', n: 5 }] });
  });
  it('computed fields in find projections', async () => {
    expect(await items.findOne({ _id: 2 }, { projection: { _id: 0, double: { $multiply: ['$qty', 2] } } })).toEqual({ double: 40 });
  });
});
