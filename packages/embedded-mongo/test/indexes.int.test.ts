// Index use proven by explain (IXSCAN and few documents examined for equality, range and sort on
// single and compound indexes), unique/compound/sparse/partial enforcement, and the TTL monitor.
import type { Collection, Document } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, startServer, waitFor } from './helpers/server.ts';
import type { AnyDoc, TestServer } from './helpers/server.ts';

let ts: TestServer;
let people: Collection<AnyDoc>;
const N = 5_000;

interface Stage { stage: string; indexName?: string; inputStage?: Stage; inputStages?: Stage[] }
function stagesOf(plan: Stage): Stage[] {
  return [plan, ...(plan.inputStage ? stagesOf(plan.inputStage) : []), ...(plan.inputStages ?? []).flatMap(stagesOf)];
}
async function explain(filter: Document, sort?: Document, limit?: number) {
  let cursor = people.find(filter);
  if (sort) cursor = cursor.sort(sort);
  if (limit) cursor = cursor.limit(limit);
  const ex = await cursor.explain('executionStats');
  const stages = stagesOf(ex.queryPlanner.winningPlan as Stage);
  return { stages, names: stages.map((s) => s.stage), index: stages.find((s) => s.stage === 'IXSCAN')?.indexName, stats: ex.executionStats as Document };
}

beforeAll(async () => {
  ts = await startServer({ ttlMonitorIntervalMs: 200 });
  people = ts.client.db('indexes').collection<AnyDoc>('people');
  const docs = Array.from({ length: N }, (_, i) => ({ _id: i, email: `u${i}@x.io`, age: i % 90, city: `c${i % 50}`, score: i }));
  await people.insertMany(docs);
  await people.createIndex({ email: 1 }, { unique: true });
  await people.createIndex({ city: 1, age: -1 });
  await people.createIndex({ score: 1 });
});
afterAll(async () => {
  await ts?.stop();
});

describe('explain shows index use', () => {
  it('equality on a single-field index: FETCH over IXSCAN, one document examined', async () => {
    const { names, index, stats } = await explain({ email: 'u1234@x.io' });
    expect(names).toEqual(['FETCH', 'IXSCAN']);
    expect(index).toBe('email_1');
    expect(stats).toMatchObject({ nReturned: 1, totalDocsExamined: 1 });
    expect(stats.totalKeysExamined).toBeLessThanOrEqual(2);
  });
  it('range on a single-field index examines only the range', async () => {
    const { names, index, stats } = await explain({ score: { $gte: 100, $lt: 120 } });
    expect(names).toContain('IXSCAN');
    expect(names).not.toContain('COLLSCAN');
    expect(index).toBe('score_1');
    expect(stats.nReturned).toBe(20);
    expect(stats.totalDocsExamined).toBeLessThanOrEqual(21);
  });
  it('equality + range on a compound index prefix', async () => {
    const { index, stats } = await explain({ city: 'c7', age: { $gte: 50 } });
    expect(index).toBe('city_1_age_-1');
    const expected = Array.from({ length: N }, (_, i) => i).filter((i) => i % 50 === 7 && i % 90 >= 50).length;
    expect(stats.nReturned).toBe(expected);
    expect(stats.totalDocsExamined).toBeLessThanOrEqual(expected + 1);
  });
  it('sort with limit walks the index instead of sorting the collection', async () => {
    const { names, index, stats } = await explain({}, { score: -1 }, 5);
    expect(index).toBe('score_1');
    expect(names).not.toContain('SORT');
    expect(stats.nReturned).toBe(5);
    expect(stats.totalDocsExamined).toBeLessThanOrEqual(6);
  });
  it('an $in on a leading field sorted on the next one merges the sorted intervals (SORT_MERGE), no blocking SORT', async () => {
    const filter = { city: { $in: ['c3', 'c17', 'c42'] } };
    const { names, index, stats } = await explain(filter, { age: -1 }, 7);
    expect(names).toContain('SORT_MERGE');
    expect(names).not.toContain('SORT');
    expect(index).toBe('city_1_age_-1');
    // Each interval is read only as far as the merge needs: about the limit plus one key per interval.
    expect(stats.totalKeysExamined).toBeLessThanOrEqual(7 + 3 + 3);
    const all = await people.find(filter).toArray();
    const byAge = (direction: 1 | -1) => [...all].sort((a, b) => direction * ((a.age as number) - (b.age as number))).map((d) => d.age);
    expect((await people.find(filter).sort({ age: -1 }).limit(7).toArray()).map((d) => d.age)).toEqual(byAge(-1).slice(0, 7));
    expect((await people.find(filter).sort({ age: 1 }).limit(9).toArray()).map((d) => d.age)).toEqual(byAge(1).slice(0, 9));
  });

  it('an unindexed predicate is a COLLSCAN over every document', async () => {
    const { names, stats } = await explain({ age: 3 });
    expect(names).toContain('COLLSCAN');
    expect(names).not.toContain('IXSCAN');
    expect(stats.totalDocsExamined).toBe(N);
  });
  it('a hidden index is kept up to date but not used until unhidden', async () => {
    await people.createIndex({ age: 1, score: 1 }, { hidden: true });
    expect((await explain({ age: 3 })).names).toContain('COLLSCAN');
    await ts.client.db('indexes').command({ collMod: 'people', index: { name: 'age_1_score_1', hidden: false } });
    const after = await explain({ age: 3 });
    expect(after.index).toBe('age_1_score_1');
    expect(after.stats.totalDocsExamined).toBe(after.stats.nReturned);
    await people.dropIndex('age_1_score_1');
  });
  it('indexed results equal unindexed results', async () => {
    const viaIndex = await people.find({ city: 'c3', age: { $lt: 20 } }).sort({ _id: 1 }).toArray();
    const viaScan = await people.find({ city: 'c3', age: { $lt: 20 } }).sort({ _id: 1 }).hint({ $natural: 1 }).toArray();
    expect(viaIndex).toEqual(viaScan);
    expect(viaIndex.length).toBeGreaterThan(0);
  });
});

describe('index constraints', () => {
  it('compound unique indexes reject only the full duplicate tuple', async () => {
    const c = ts.client.db('indexes').collection<AnyDoc>('compound');
    await c.createIndex({ a: 1, b: 1 }, { unique: true });
    await c.insertMany([{ a: 1, b: 1 }, { a: 1, b: 2 }, { a: 2, b: 1 }]);
    const err = await errorOf(() => c.insertOne({ a: 1, b: 2 }));
    expect(err).toMatchObject({ code: 11000, keyPattern: { a: 1, b: 1 }, keyValue: { a: 1, b: 2 } });
    expect(err.message).toContain('index: a_1_b_1 dup key: { a: 1, b: 2 }');
  });
  it('unique treats missing as null; sparse unique ignores documents without the field', async () => {
    const plain = ts.client.db('indexes').collection<AnyDoc>('plainunique');
    await plain.createIndex({ x: 1 }, { unique: true });
    await plain.insertOne({ y: 1 });
    const err = await errorOf(() => plain.insertOne({ y: 2 }));
    expect(err).toMatchObject({ code: 11000, keyValue: { x: null } });
    const sparse = ts.client.db('indexes').collection<AnyDoc>('sparse');
    await sparse.createIndex({ x: 1 }, { unique: true, sparse: true });
    await sparse.insertMany([{ y: 1 }, { y: 2 }, { x: 1 }]);
    await expect(sparse.insertOne({ x: 1 })).rejects.toMatchObject({ code: 11000 });
  });
  it('partial unique indexes only constrain documents matching the filter', async () => {
    const c = ts.client.db('indexes').collection<AnyDoc>('partial');
    await c.createIndex({ email: 1 }, { unique: true, partialFilterExpression: { active: true } });
    await c.insertMany([{ email: 'a', active: false }, { email: 'a', active: false }, { email: 'a', active: true }]);
    await expect(c.insertOne({ email: 'a', active: true })).rejects.toMatchObject({ code: 11000 });
    await expect(c.updateOne({ active: false }, { $set: { active: true } })).rejects.toMatchObject({ code: 11000 });
    expect(await c.countDocuments({ active: true })).toBe(1);
  });
  it('building a unique index over existing duplicates fails and leaves no index behind', async () => {
    const c = ts.client.db('indexes').collection<AnyDoc>('dupbuild');
    await c.insertMany([{ k: 1 }, { k: 1 }]);
    await expect(c.createIndex({ k: 1 }, { unique: true })).rejects.toMatchObject({ code: 11000 });
    expect((await c.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_']);
  });
  it('creating the same index twice is a no-op; other options or keys under the same name conflict', async () => {
    const c = ts.client.db('indexes').collection<AnyDoc>('samename');
    expect(await c.createIndex({ k: 1 })).toBe('k_1');
    expect(await c.createIndex({ k: 1 })).toBe('k_1');
    await expect(c.createIndex({ k: 1 }, { unique: true })).rejects.toMatchObject({ code: 85, codeName: 'IndexOptionsConflict' });
    await expect(c.createIndex({ j: 1 }, { name: 'k_1' })).rejects.toMatchObject({ code: 86, codeName: 'IndexKeySpecsConflict' });
  });
});

describe('index edge cases', () => {
  it('unique multikey: one document may repeat a value, two documents may not share one', async () => {
    const c = ts.client.db('indexes').collection<AnyDoc>('multiunique');
    await c.createIndex({ tags: 1 }, { unique: true });
    await c.insertOne({ _id: 1, tags: ['a', 'a', 'b'] });
    const err = await errorOf(() => c.insertOne({ _id: 2, tags: ['c', 'b'] }));
    expect(err).toMatchObject({ code: 11000, keyValue: { tags: 'b' } });
  });
  it('a compound index over two arrays in one document is refused (171 CannotIndexParallelArrays)', async () => {
    const c = ts.client.db('indexes').collection<AnyDoc>('parallel');
    await c.createIndex({ a: 1, b: 1 });
    await c.insertOne({ a: [1, 2], b: 1 });
    const err = await errorOf(() => c.insertOne({ a: [1, 2], b: [3, 4] }));
    expect(err).toMatchObject({ code: 171, codeName: 'CannotIndexParallelArrays' });
    expect(await c.countDocuments()).toBe(1);
  });
  it('the _id index cannot be dropped; dropIndexes "*" drops all the others', async () => {
    const c = ts.client.db('indexes').collection<AnyDoc>('dropall');
    await c.createIndexes([{ key: { a: 1 } }, { key: { b: -1 } }]);
    await expect(c.dropIndex('_id_')).rejects.toMatchObject({ code: 72, codeName: 'InvalidOptions' });
    await c.dropIndexes();
    expect((await c.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_']);
  });
  it('a partial index serves only queries whose filter implies its expression', async () => {
    const c = ts.client.db('indexes').collection<AnyDoc>('partialuse');
    await c.insertMany(Array.from({ length: 200 }, (_, i) => ({ _id: i, k: i % 20, active: i % 2 === 0 })));
    await c.createIndex({ k: 1 }, { partialFilterExpression: { active: true } });
    const plan = async (filter: object) => JSON.stringify((await c.find(filter).explain()).queryPlanner.winningPlan);
    expect(await plan({ k: 4, active: true })).toContain('"indexName":"k_1"');
    expect(await plan({ k: 4 })).toContain('COLLSCAN');
    expect(await c.countDocuments({ k: 4 })).toBe(10);
    expect(await c.countDocuments({ k: 4, active: true })).toBe(10);
    expect(await c.countDocuments({ k: 5, active: true })).toBe(0);
  });
});

describe('TTL indexes', () => {
  it('the TTL monitor removes expired documents in the background and keeps the rest', async () => {
    const c = ts.client.db('indexes').collection<AnyDoc>('sessions');
    await c.createIndex({ at: 1 }, { expireAfterSeconds: 1 });
    const now = Date.now();
    await c.insertMany([
      { _id: 'old', at: new Date(now - 60_000) },
      { _id: 'oldArray', at: [new Date(now + 3_600_000), new Date(now - 60_000)] },
      { _id: 'fresh', at: new Date(now + 3_600_000) },
      { _id: 'notADate', at: 'yesterday' },
      { _id: 'noField' },
    ] as never[]);
    const gone = await waitFor(async () => (await c.countDocuments({ _id: { $in: ['old', 'oldArray'] } } as never)) === 0, 10_000);
    expect(gone).toBe(true);
    const left = (await c.find({}, { sort: { _id: 1 } }).toArray()).map((d) => d._id);
    expect(left).toEqual(['fresh', 'noField', 'notADate']);
    const idx = (await c.listIndexes().toArray()).find((i) => i.name === 'at_1');
    expect(idx?.expireAfterSeconds).toBe(1);
  });
});
