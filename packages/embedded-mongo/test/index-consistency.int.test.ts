// Differential test of the query planner: the same queries answered through indexes and through a
// forced collection scan (hint $natural) must return the same documents, over mixed-type data
// (numbers of every BSON type, strings, null, missing, arrays, nested), before and after updates
// and deletes (index maintenance). Data comes from a seeded generator, so runs are reproducible.
import { Decimal128, Double, Int32, Long } from 'mongodb';
import type { Collection, Document } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from './helpers/server.ts';
import type { AnyDoc, TestServer } from './helpers/server.ts';

let ts: TestServer;
let coll: Collection<AnyDoc>;

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = prng(20261121);
const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)]!;
const small = () => Math.floor(rand() * 20) - 5;

function value(): unknown {
  switch (Math.floor(rand() * 10)) {
    case 0: return new Int32(small());
    case 1: return Long.fromNumber(small());
    case 2: return new Double(small() + 0.5);
    case 3: return Decimal128.fromString(String(small()));
    case 4: return pick(['a', 'b', 'c', 'ab', '']);
    case 5: return null;
    case 6: return [small(), small()];
    case 7: return { x: small() };
    case 8: return pick([true, false]);
    default: return small();
  }
}

function doc(i: number): AnyDoc {
  const d: AnyDoc = { _id: i, g: i % 7 };
  if (rand() < 0.9) d.v = value();
  if (rand() < 0.9) d.w = small();
  return d;
}

const filters = (): Document[] => {
  const n = small();
  return [
    { v: n }, { v: { $gt: n } }, { v: { $gte: n } }, { v: { $lt: n } }, { v: { $lte: n } },
    { v: { $in: [n, 'a', null] } }, { v: { $ne: n } }, { v: null }, { v: { $exists: false } },
    { v: { $gt: 'a' } }, { v: { $type: 'array' } }, { v: { $elemMatch: { $gt: n } } }, { 'v.x': { $lte: n } },
    { v: { $gte: n - 3, $lt: n + 3 } }, { w: n, v: { $gt: n } }, { w: { $in: [n, n + 1] }, g: { $lt: 3 } },
    { $or: [{ v: n }, { w: n }] }, { v: true }, { v: Decimal128.fromString(`${n}.0`) }, { v: { $nin: [n, 'b'] } },
  ];
};

async function compare(label: string): Promise<void> {
  for (let round = 0; round < 2; round++) {
    for (const filter of filters()) {
      for (const sort of [{ _id: 1 }, { v: 1, _id: 1 }, { w: -1, _id: 1 }] as Document[]) {
        const viaPlanner = await coll.find(filter, { sort }).toArray();
        const viaScan = await coll.find(filter, { sort, hint: { $natural: 1 } }).toArray();
        expect(viaPlanner, `${label}: ${JSON.stringify(filter)} sort ${JSON.stringify(sort)}`).toEqual(viaScan);
      }
      const limited = await coll.find(filter, { sort: { v: -1, _id: 1 }, limit: 5 }).toArray();
      const limitedScan = await coll.find(filter, { sort: { v: -1, _id: 1 }, limit: 5, hint: { $natural: 1 } }).toArray();
      expect(limited, `${label}: limit 5 ${JSON.stringify(filter)}`).toEqual(limitedScan);
    }
  }
}

beforeAll(async () => {
  ts = await startServer();
  coll = ts.client.db('consistency').collection<AnyDoc>('mixed');
  await coll.insertMany(Array.from({ length: 600 }, (_, i) => doc(i)));
  await coll.createIndex({ v: 1 });
  await coll.createIndex({ w: -1, g: 1 });
  await coll.createIndex({ 'v.x': 1 });
});
afterAll(async () => {
  await ts?.stop();
});

describe('index answers equal collection-scan answers', () => {
  it('on freshly indexed mixed-type data (and the two paths really differ)', async () => {
    const planOf = async (hint?: Document) => JSON.stringify((await coll.find({ v: 3 }, hint ? { hint } : {}).explain()).queryPlanner.winningPlan);
    expect(await planOf()).toContain('"indexName":"v_1"');
    expect(await planOf({ $natural: 1 })).toContain('COLLSCAN');
    await compare('fresh');
  });
  it('after updates that move indexed values, inserts and deletes', async () => {
    for (let i = 0; i < 150; i++) await coll.updateOne({ _id: Math.floor(rand() * 600) }, { $set: { v: value(), w: small() } });
    await coll.updateMany({ g: 3 }, { $unset: { v: '' } });
    await coll.deleteMany({ g: 5 });
    await coll.insertMany(Array.from({ length: 100 }, (_, i) => doc(1_000 + i)));
    await compare('after writes');
  });
  it('multikey: an array matching several keys returns its document once', async () => {
    const tags = ts.client.db('consistency').collection<AnyDoc>('tags');
    await tags.createIndex({ t: 1 });
    await tags.insertMany([{ _id: 1, t: ['x', 'x', 'y'] }, { _id: 2, t: ['y', 'z'] }, { _id: 3, t: 'x' }]);
    const ids = async (filter: Document) => (await tags.find(filter).toArray()).map((d) => d._id).sort();
    expect(await ids({ t: { $in: ['x', 'y'] } })).toEqual([1, 2, 3]);
    expect(await ids({ t: { $gte: 'x' } })).toEqual([1, 2, 3]);
    expect(await tags.countDocuments({ t: { $in: ['x', 'y', 'z'] } })).toBe(3);
  });
  it('find, aggregate $match, countDocuments and delete agree on the same filters', async () => {
    for (const filter of filters()) {
      const found = (await coll.find(filter, { sort: { _id: 1 }, projection: { _id: 1 } }).toArray()).map((d) => d._id);
      const matched = (await coll.aggregate([{ $match: filter }, { $sort: { _id: 1 } }, { $project: { _id: 1 } }]).toArray()).map((d) => d._id);
      expect(matched, `$match ${JSON.stringify(filter)}`).toEqual(found);
      expect(await coll.countDocuments(filter), `count ${JSON.stringify(filter)}`).toBe(found.length);
    }
    const copy = ts.client.db('consistency').collection<AnyDoc>('copy');
    for (const filter of filters().slice(0, 8)) {
      await copy.deleteMany({});
      await copy.insertMany(await coll.find({}).toArray());
      const expected = await coll.countDocuments(filter);
      expect((await copy.deleteMany(filter)).deletedCount, `delete ${JSON.stringify(filter)}`).toBe(expected);
      expect((await copy.updateMany({}, { $set: { seen: true } })).matchedCount).toBe((await coll.countDocuments()) - expected);
    }
  });
});
