// Every BSON type survives a round trip unchanged (type, value, field order), in memory and through
// the journal; special numbers (NaN, ±Infinity, -0, int64 limits) compare and sort as in mongod.
import { Binary, BSONRegExp, BSONSymbol, Code, DBRef, Decimal128, Double, Int32, Long, MaxKey, MinKey, MongoClient, ObjectId, Timestamp, UUID } from 'mongodb';
import type { Document } from 'mongodb';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir, startServer } from './helpers/server.ts';
import type { TestServer } from './helpers/server.ts';

const raw = { promoteLongs: false, promoteValues: false, promoteBuffers: false, bsonRegExp: true } as const;
const servers: TestServer[] = [];
const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const s of servers) await s.stop();
  for (const c of cleanup) await c();
});

const oid = new ObjectId('65f0a1b2c3d4e5f601234567');
function sample(): Document {
  return {
    _id: 'all-types',
    double: new Double(1.5),
    negZero: new Double(-0),
    nan: new Double(Number.NaN),
    inf: new Double(Number.POSITIVE_INFINITY),
    int: new Int32(-7),
    longMax: Long.MAX_VALUE,
    longMin: Long.MIN_VALUE,
    dec: Decimal128.fromString('-1234.5678E-10'),
    decNaN: Decimal128.fromString('NaN'),
    str: 'zero\u0000byte, emoji \u{1F600}, accents éü',
    bin: new Binary(Buffer.from([0, 1, 2, 255]), 0),
    uuid: new UUID('8f2c1b9e-3d4a-4e5f-9a6b-7c8d9e0f1a2b'),
    custom: new Binary(Buffer.from('x'), 0x80),
    oid,
    bool: false,
    date: new Date(-86_400_000 * 365 * 100),
    nil: null,
    regex: new BSONRegExp('^a.c$', 'imsx'),
    code: new Code('function () { return 1; }'),
    codeScope: new Code('function () { return x; }', { x: new Int32(1) }),
    symbol: new BSONSymbol('sym'),
    ts: new Timestamp({ t: 1_700_000_000, i: 7 }),
    min: new MinKey(),
    max: new MaxKey(),
    ref: new DBRef('other', oid, 'db2'),
    nested: { z: new Int32(1), a: [[], {}, [new Int32(1), Long.fromNumber(1)]], 'dotted.key': true, $dollar: new Double(2.5) },
  };
}

async function roundTrip(ts: TestServer, coll: string): Promise<Document | null> {
  return ts.client.db('fidelity').collection(coll, raw).findOne({ _id: 'all-types' } as never);
}

describe('BSON fidelity', () => {
  it('every type, value and field order round-trips in memory', async () => {
    const ts = await startServer();
    servers.push(ts);
    await ts.client.db('fidelity').collection('t').insertOne(sample() as never);
    const back = await roundTrip(ts, 't');
    expect(back).toEqual(sample());
    expect(Object.keys(back ?? {})).toEqual(Object.keys(sample()));
    expect(Object.is((back?.negZero as Double).value, -0)).toBe(true);
  });

  it('and through the journal and a snapshot (dbPath restart)', async () => {
    const dir = await makeTempDir('fidelity');
    cleanup.push(dir.remove);
    const first = await startServer({ dbPath: dir.dir });
    await first.client.db('fidelity').collection('t').insertOne(sample() as never);
    await first.stop();
    const second = await startServer({ dbPath: dir.dir });
    servers.push(second);
    const back = await roundTrip(second, 't');
    expect(back).toEqual(sample());
    expect(Object.keys(back?.nested ?? {})).toEqual(Object.keys(sample().nested));
  });

  it('updates keep field order: existing fields stay in place, new ones are appended', async () => {
    const ts = await startServer();
    servers.push(ts);
    const c = ts.client.db('fidelity').collection('order');
    await c.insertOne({ _id: 1, b: 1, a: 1, c: { y: 1, x: 1 } } as never);
    await c.updateOne({ _id: 1 } as never, { $set: { a: 2, d: 1, 'c.w': 1, 'c.y': 2 } });
    const doc = await c.findOne({ _id: 1 } as never);
    expect(Object.keys(doc ?? {})).toEqual(['_id', 'b', 'a', 'c', 'd']);
    expect(Object.keys(doc?.c ?? {})).toEqual(['y', 'x', 'w']);
  });

  it('special numbers: NaN equals NaN and sorts below all numbers; -0 equals 0; int64 limits order', async () => {
    const ts = await startServer();
    servers.push(ts);
    const c = ts.client.db('fidelity').collection('nums');
    await c.insertMany([
      { _id: 'nan', v: Number.NaN }, { _id: 'ninf', v: Number.NEGATIVE_INFINITY }, { _id: 'lmin', v: Long.MIN_VALUE },
      { _id: 'negzero', v: -0 }, { _id: 'zero', v: 0 }, { _id: 'lmax', v: Long.MAX_VALUE }, { _id: 'inf', v: Number.POSITIVE_INFINITY },
    ] as never[]);
    const order = (await c.find({}, { sort: { v: 1, _id: 1 } }).toArray()).map((d) => d._id);
    expect(order).toEqual(['nan', 'ninf', 'lmin', 'negzero', 'zero', 'lmax', 'inf']);
    expect((await c.find({ v: Number.NaN }).toArray()).map((d) => d._id)).toEqual(['nan']);
    expect((await c.find({ v: 0 }, { sort: { _id: 1 } }).toArray()).map((d) => d._id)).toEqual(['negzero', 'zero']);
    expect((await c.find({ v: { $gt: Long.fromString('9223372036854775806') } }, { sort: { _id: 1 } }).toArray()).map((d) => d._id)).toEqual(['inf', 'lmax']);
  });

  it('the driver sees the same documents through a second, independent client', async () => {
    const ts = servers[0]!;
    const other = await MongoClient.connect(ts.server.uri, raw);
    try {
      expect(await other.db('fidelity').collection('t').findOne({ _id: 'all-types' } as never)).toEqual(sample());
    } finally {
      await other.close();
    }
  });
});
