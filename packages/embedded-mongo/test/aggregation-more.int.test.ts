// More aggregation (MongoDB 5.x–7.0 features mongoose users reach for): $setWindowFields,
// $bucket, $unionWith, $graphLookup, $replaceWith/$set/$unset stages, n-accumulators, date math.
import type { Db } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from './helpers/server.ts';
import type { AnyDoc, TestServer } from './helpers/server.ts';

let ts: TestServer;
let db: Db;
const agg = (coll: string, pipeline: object[]) => db.collection(coll).aggregate(pipeline).toArray();

beforeAll(async () => {
  ts = await startServer();
  db = ts.client.db('aggregation_more');
  await db.collection<AnyDoc>('sales').insertMany([
    { _id: 1, shop: 'a', day: new Date('2024-03-01T10:00:00Z'), amount: 10 },
    { _id: 2, shop: 'a', day: new Date('2024-03-02T11:00:00Z'), amount: 20 },
    { _id: 3, shop: 'a', day: new Date('2024-03-03T12:00:00Z'), amount: 30 },
    { _id: 4, shop: 'b', day: new Date('2024-03-01T09:00:00Z'), amount: 5 },
    { _id: 5, shop: 'b', day: new Date('2024-04-15T09:00:00Z'), amount: 50 },
  ]);
  await db.collection<AnyDoc>('staff').insertMany([
    { _id: 'ceo', boss: null },
    { _id: 'cto', boss: 'ceo' },
    { _id: 'dev1', boss: 'cto' },
    { _id: 'dev2', boss: 'cto' },
  ]);
});
afterAll(async () => {
  await ts?.stop();
});

describe('aggregation, continued', () => {
  it('$setWindowFields: running total and rank per partition', async () => {
    const out = await agg('sales', [
      { $setWindowFields: { partitionBy: '$shop', sortBy: { day: 1 }, output: { running: { $sum: '$amount', window: { documents: ['unbounded', 'current'] } }, rank: { $rank: {} } } } },
      { $project: { _id: 1, running: 1, rank: 1 } },
      { $sort: { _id: 1 } },
    ]);
    expect(out).toEqual([
      { _id: 1, running: 10, rank: 1 }, { _id: 2, running: 30, rank: 2 }, { _id: 3, running: 60, rank: 3 },
      { _id: 4, running: 5, rank: 1 }, { _id: 5, running: 55, rank: 2 },
    ]);
  });
  it('$bucket with a default bucket, and $sortByCount', async () => {
    const out = await agg('sales', [{ $bucket: { groupBy: '$amount', boundaries: [0, 15, 40], default: 'big', output: { n: { $sum: 1 }, ids: { $push: '$_id' } } } }]);
    expect(out).toEqual([{ _id: 0, n: 2, ids: [1, 4] }, { _id: 15, n: 2, ids: [2, 3] }, { _id: 'big', n: 1, ids: [5] }]);
  });
  it('$unionWith another collection, then $group', async () => {
    const out = await agg('sales', [{ $project: { k: '$shop' } }, { $unionWith: { coll: 'staff', pipeline: [{ $project: { k: 'staff' } }] } }, { $sortByCount: '$k' }, { $sort: { count: -1, _id: 1 } }]);
    expect(out).toEqual([{ _id: 'staff', count: 4 }, { _id: 'a', count: 3 }, { _id: 'b', count: 2 }]);
  });
  it('$graphLookup walks a hierarchy with depth', async () => {
    const [dev] = await agg('staff', [
      { $match: { _id: 'dev1' } },
      { $graphLookup: { from: 'staff', startWith: '$boss', connectFromField: 'boss', connectToField: '_id', as: 'chain', depthField: 'depth' } },
      { $project: { chain: { $sortArray: { input: '$chain', sortBy: { depth: 1 } } } } },
    ]);
    expect(dev?.chain).toEqual([{ _id: 'cto', boss: 'ceo', depth: 0 }, { _id: 'ceo', boss: null, depth: 1 }]);
  });
  it('$set/$unset/$replaceWith stages and $getField/$switch/$let expressions', async () => {
    const out = await agg('sales', [
      { $match: { _id: { $in: [1, 5] } } },
      { $set: { size: { $switch: { branches: [{ case: { $gte: ['$amount', 40] }, then: 'L' }], default: 'S' } } } },
      { $unset: ['day'] },
      { $replaceWith: { id: '$_id', label: { $let: { vars: { s: '$size' }, in: { $concat: ['$shop', '-', '$$s'] } } }, amt: { $getField: 'amount' } } },
      { $sort: { id: 1 } },
    ]);
    expect(out).toEqual([{ id: 1, label: 'a-S', amt: 10 }, { id: 5, label: 'b-L', amt: 50 }]);
  });
  it('$group with $top, $firstN, $maxN and $count accumulators', async () => {
    const out = await agg('sales', [
      { $group: { _id: '$shop', top: { $top: { sortBy: { amount: -1 }, output: '$_id' } }, first2: { $firstN: { input: '$_id', n: 2 } }, max2: { $maxN: { input: '$amount', n: 2 } }, n: { $count: {} } } },
      { $sort: { _id: 1 } },
    ]);
    expect(out.map((g) => ({ ...g, first2: [...(g.first2 as number[])].sort() }))).toEqual([
      { _id: 'a', top: 3, first2: [1, 2], max2: [30, 20], n: 3 },
      { _id: 'b', top: 5, first2: [4, 5], max2: [50, 5], n: 2 },
    ]);
  });
  it('date math: $dateTrunc, $dateAdd, $dateDiff and $dateToParts', async () => {
    const [out] = await agg('sales', [
      { $match: { _id: 2 } },
      { $project: {
        _id: 0,
        month: { $dateTrunc: { date: '$day', unit: 'month' } },
        later: { $dateAdd: { startDate: '$day', unit: 'day', amount: 30 } },
        days: { $dateDiff: { startDate: new Date('2024-02-01T00:00:00Z'), endDate: '$day', unit: 'day' } },
        parts: { $dateToParts: { date: '$day' } },
      } },
    ]);
    expect(out).toEqual({
      month: new Date('2024-03-01T00:00:00Z'),
      later: new Date('2024-04-01T11:00:00Z'),
      days: 30,
      parts: { year: 2024, month: 3, day: 2, hour: 11, minute: 0, second: 0, millisecond: 0 },
    });
  });
});
