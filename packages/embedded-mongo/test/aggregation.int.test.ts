// Aggregation stages through the driver: $match/$project/$group/$sort/$limit/$skip/$unwind,
// $lookup (both forms), $facet, $count, $addFields, $replaceRoot, $sortByCount, and Long sums.
import { Long } from 'mongodb';
import type { Db } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, startServer } from './helpers/server.ts';
import type { AnyDoc, TestServer } from './helpers/server.ts';

let ts: TestServer;
let db: Db;

beforeAll(async () => {
  ts = await startServer();
  db = ts.client.db('aggregation');
  await db.collection<AnyDoc>('orders').insertMany([
    { _id: 1, customer: 'ann', items: [{ sku: 'a', qty: 2 }, { sku: 'b', qty: 1 }], total: 30 },
    { _id: 2, customer: 'bob', items: [{ sku: 'a', qty: 1 }], total: 10 },
    { _id: 3, customer: 'ann', items: [], total: Long.fromNumber(5) },
    { _id: 4, customer: 'cy', items: [{ sku: 'c', qty: 4 }], total: 40 },
  ] as never[]);
  await db.collection<AnyDoc>('customers').insertMany([
    { _id: 'ann', name: 'Ann', tier: 'gold' },
    { _id: 'bob', name: 'Bob', tier: 'silver' },
  ] as never[]);
});
afterAll(async () => {
  await ts?.stop();
});

const agg = (coll: string, pipeline: object[]) => db.collection<AnyDoc>(coll).aggregate(pipeline).toArray();

describe('aggregation stages', () => {
  it('$match + $group with $sum/$avg/$max/$push/$addToSet + $sort', async () => {
    const out = await agg('orders', [
      { $match: { total: { $gte: 5 } } },
      { $group: { _id: '$customer', n: { $sum: 1 }, total: { $sum: '$total' }, avg: { $avg: '$total' }, max: { $max: '$total' }, ids: { $push: '$_id' }, set: { $addToSet: '$customer' } } },
      { $sort: { _id: 1 } },
    ]);
    expect(out).toEqual([
      { _id: 'ann', n: 2, total: 35, avg: 17.5, max: 30, ids: [1, 3], set: ['ann'] },
      { _id: 'bob', n: 1, total: 10, avg: 10, max: 10, ids: [2], set: ['bob'] },
      { _id: 'cy', n: 1, total: 40, avg: 40, max: 40, ids: [4], set: ['cy'] },
    ]);
  });
  it('$group with _id null, $first/$last after $sort, and $count', async () => {
    const out = await agg('orders', [{ $sort: { total: -1 } }, { $group: { _id: null, first: { $first: '$_id' }, last: { $last: '$_id' }, sum: { $sum: '$total' } } }]);
    expect(out).toEqual([{ _id: null, first: 4, last: 3, sum: 85 }]);
    expect(await agg('orders', [{ $match: { customer: 'ann' } }, { $count: 'n' }])).toEqual([{ n: 2 }]);
  });
  it('$unwind (plain, preserveNullAndEmptyArrays, includeArrayIndex) and $group on unwound fields', async () => {
    const plain = await agg('orders', [{ $unwind: '$items' }, { $group: { _id: '$items.sku', qty: { $sum: '$items.qty' } } }, { $sort: { _id: 1 } }]);
    expect(plain).toEqual([{ _id: 'a', qty: 3 }, { _id: 'b', qty: 1 }, { _id: 'c', qty: 4 }]);
    const kept = await agg('orders', [{ $unwind: { path: '$items', preserveNullAndEmptyArrays: true, includeArrayIndex: 'i' } }, { $project: { _id: 1, i: 1 } }, { $sort: { _id: 1, i: 1 } }]);
    expect(kept).toEqual([{ _id: 1, i: 0 }, { _id: 1, i: 1 }, { _id: 2, i: 0 }, { _id: 3, i: null }, { _id: 4, i: 0 }]);
  });
  it('$lookup with localField/foreignField and with let/pipeline', async () => {
    const simple = await agg('orders', [{ $match: { _id: { $in: [2, 4] } } }, { $lookup: { from: 'customers', localField: 'customer', foreignField: '_id', as: 'c' } }, { $project: { c: 1 } }, { $sort: { _id: 1 } }]);
    expect(simple).toEqual([{ _id: 2, c: [{ _id: 'bob', name: 'Bob', tier: 'silver' }] }, { _id: 4, c: [] }]);
    const piped = await agg('customers', [
      { $lookup: { from: 'orders', let: { cid: '$_id' }, pipeline: [{ $match: { $expr: { $eq: ['$customer', '$$cid'] } } }, { $project: { _id: 1 } }, { $sort: { _id: 1 } }], as: 'orders' } },
      { $sort: { _id: 1 } },
      { $project: { orders: 1 } },
    ]);
    expect(piped).toEqual([{ _id: 'ann', orders: [{ _id: 1 }, { _id: 3 }] }, { _id: 'bob', orders: [{ _id: 2 }] }]);
  });
  it('$facet runs sub-pipelines over the same input', async () => {
    const [out] = await agg('orders', [{ $facet: { count: [{ $count: 'n' }], top: [{ $sort: { total: -1 } }, { $limit: 1 }, { $project: { _id: 1 } }], byCustomer: [{ $sortByCount: '$customer' }] } }]);
    expect(out?.count).toEqual([{ n: 4 }]);
    expect(out?.top).toEqual([{ _id: 4 }]);
    expect(out?.byCustomer[0]).toEqual({ _id: 'ann', count: 2 });
    expect(out?.byCustomer).toHaveLength(3);
  });
  it('$project with expressions, $addFields, $replaceRoot, $skip/$limit', async () => {
    const out = await agg('orders', [
      { $sort: { _id: 1 } },
      { $skip: 1 },
      { $limit: 2 },
      { $addFields: { nItems: { $size: '$items' }, big: { $gt: ['$total', 8] } } },
      { $project: { _id: 0, doc: { id: '$_id', nItems: '$nItems', big: '$big', who: { $toUpper: '$customer' } } } },
      { $replaceRoot: { newRoot: '$doc' } },
    ]);
    expect(out).toEqual([{ id: 2, nItems: 1, big: true, who: 'BOB' }, { id: 3, nItems: 0, big: false, who: 'ANN' }]);
  });
  it('$cond, $ifNull, $concat, $dateToString and $map/$filter/$reduce', async () => {
    const [out] = await agg('orders', [
      { $match: { _id: 1 } },
      { $project: {
        _id: 0,
        level: { $cond: [{ $gte: ['$total', 20] }, 'high', 'low'] },
        missing: { $ifNull: ['$nope', 'dflt'] },
        label: { $concat: ['$customer', '-', { $toString: '$_id' }] },
        day: { $dateToString: { format: '%Y-%m-%d', date: new Date('2024-03-05T10:00:00Z') } },
        skus: { $map: { input: '$items', as: 'it', in: '$$it.sku' } },
        many: { $filter: { input: '$items', cond: { $gt: ['$$this.qty', 1] } } },
        qty: { $reduce: { input: '$items', initialValue: 0, in: { $add: ['$$value', '$$this.qty'] } } },
      } },
    ]);
    expect(out).toEqual({ level: 'high', missing: 'dflt', label: 'ann-1', day: '2024-03-05', skus: ['a', 'b'], many: [{ sku: 'a', qty: 2 }], qty: 3 });
  });
  it('$out replaces a collection and $merge upserts into one', async () => {
    await agg('orders', [{ $group: { _id: '$customer', n: { $sum: 1 } } }, { $out: 'by_customer' }]);
    expect(await db.collection('by_customer').find({}, { sort: { _id: 1 } }).toArray()).toEqual([{ _id: 'ann', n: 2 }, { _id: 'bob', n: 1 }, { _id: 'cy', n: 1 }]);
    await agg('orders', [{ $match: { customer: 'bob' } }, { $group: { _id: '$customer', n: { $sum: 10 } } }, { $out: 'by_customer' }]);
    expect(await db.collection('by_customer').find().toArray()).toEqual([{ _id: 'bob', n: 10 }]);
    await agg('customers', [{ $project: { tier: 1 } }, { $merge: { into: 'by_customer', on: '_id', whenMatched: 'merge', whenNotMatched: 'insert' } }]);
    expect(await db.collection('by_customer').find({}, { sort: { _id: 1 } }).toArray()).toEqual([{ _id: 'ann', tier: 'gold' }, { _id: 'bob', n: 10, tier: 'silver' }]);
  });
  it('an unknown stage fails with a server error naming it', async () => {
    const err = await errorOf(() => agg('orders', [{ $nope: {} }]));
    expect(err).toMatchObject({ code: 40324 });
    expect(err.message).toMatch(/Unrecognized pipeline stage name: '\$nope'/);
  });
  it('aggregate cursors return large results in batches', async () => {
    const big = db.collection<AnyDoc>('big');
    await big.insertMany(Array.from({ length: 250 }, (_, i) => ({ _id: i })) as never[]);
    const out = await big.aggregate([{ $sort: { _id: -1 } }], { batchSize: 50 }).toArray();
    expect(out).toHaveLength(250);
    expect(out[0]).toEqual({ _id: 249 });
  });
});
