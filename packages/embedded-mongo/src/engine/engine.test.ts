import { Decimal128, Long, ObjectId } from 'bson';
import { describe, expect, it } from 'vitest';
import { bsonCompare, valueKey } from './compare.ts';
import { Collection } from './collection.ts';
import { Engine } from './database.ts';
import { findDocs, type ExecStats } from './query.ts';
import { SortedList } from './sorted-list.ts';
import { applyUpdate } from './update.ts';
import { crc32c } from '../wire/crc32c.ts';

describe('bsonCompare', () => {
  it('orders numbers across BSON types by value', () => {
    expect(bsonCompare(5, Long.fromNumber(5))).toBe(0);
    expect(bsonCompare(Decimal128.fromString('4.5'), 5)).toBeLessThan(0);
    expect(bsonCompare(Long.fromString('9007199254740993'), 9007199254740992)).toBeGreaterThan(0);
  });
  it('orders types as mongod does', () => {
    const ordered = [null, 1, 'a', { a: 1 }, [1], new ObjectId(), false, new Date(0)];
    for (let i = 1; i < ordered.length; i++) expect(bsonCompare(ordered[i - 1], ordered[i])).toBeLessThan(0);
  });
  it('gives equal values of different numeric types the same key', () => {
    expect(valueKey(1)).toBe(valueKey(Long.fromNumber(1)));
    expect(valueKey('1')).not.toBe(valueKey(1));
  });
});

describe('SortedList', () => {
  it('keeps order across chunk splits and removes exact entries', () => {
    const l = new SortedList<number>((a, b) => a - b);
    const values = Array.from({ length: 5000 }, (_, i) => (i * 7919) % 5000);
    for (const v of values) l.insert(v);
    expect([...l.values()]).toEqual([...values].sort((a, b) => a - b));
    expect(l.remove(1234)).toBe(true);
    expect(l.remove(1234)).toBe(false);
    expect(l.size).toBe(4999);
  });
});

describe('planner and query', () => {
  const engine = new Engine();
  const coll = engine.db('t').ensure('c');
  for (let i = 0; i < 1000; i++) coll.insert(Collection.prepareInsert({ _id: i, n: i % 10, s: `s${i}` }));
  coll.addIndex({ v: 2, key: { n: 1, s: 1 }, name: 'n_1_s_1' });

  it('uses the compound index for equality and examines only matching documents', () => {
    const stats = {} as ExecStats;
    const docs = findDocs(coll, { n: 3 }, {}, stats);
    expect(docs).toHaveLength(100);
    expect(stats.plan.index?.name).toBe('n_1_s_1');
    expect(stats.docsExamined).toBe(100);
  });
  it('answers ranges on _id through the _id index, in order', () => {
    const stats = {} as ExecStats;
    const docs = findDocs(coll, { _id: { $gte: 10, $lt: 15 } }, { sort: { _id: -1 } }, stats);
    expect(docs.map((d) => d._id)).toEqual([14, 13, 12, 11, 10]);
    expect(stats.plan.index?.name).toBe('_id_');
    expect(stats.docsExamined).toBe(5);
  });
});

describe('applyUpdate', () => {
  it('follows the numeric type rules of $inc', () => {
    const out = applyUpdate({ _id: 1, i: 1, l: 1 }, { $inc: { i: 2, l: Long.fromNumber(2) } });
    expect(out.i).toBe(3);
    expect(Long.isLong(out.l)).toBe(true);
  });
  it('applies positional and filtered positional updates', () => {
    const doc = { _id: 1, a: [{ g: 1 }, { g: 2 }, { g: 2 }] };
    expect(applyUpdate(doc, { $set: { 'a.$.x': 1 } }, { filter: { 'a.g': 2 } }).a).toEqual([{ g: 1 }, { g: 2, x: 1 }, { g: 2 }]);
    expect(applyUpdate(doc, { $set: { 'a.$[e].x': 1 } }, { arrayFilters: [{ 'e.g': 2 }] }).a).toEqual([{ g: 1 }, { g: 2, x: 1 }, { g: 2, x: 1 }]);
    expect(doc.a[1]).toEqual({ g: 2 });
  });
});

describe('crc32c', () => {
  it('matches the standard check value', () => {
    expect(crc32c(Buffer.from('123456789'))).toBe(0xe3069283);
  });
});
