// Hostile and oversized input over raw sockets and through the driver: each case gets mongod's
// error shape or a clean close of that one connection, and the server keeps serving others.
import { BSON, MongoServerError } from 'mongodb';
import type net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, startServer } from './helpers/server.ts';
import type { AnyDoc, TestServer } from './helpers/server.ts';
import { connect, exchange, header, opMsg, opMsgRaw, sendOnce, sequence } from './helpers/wire.ts';

let ts: TestServer;
let port: number;
const MiB = 1024 * 1024;

beforeAll(async () => {
  ts = await startServer();
  port = ts.server.port;
});
afterAll(async () => {
  await ts?.stop();
});
// After every hostile input the server must still answer a well-behaved client.
afterEach(async () => {
  expect(await ts.client.db('admin').command({ ping: 1 })).toMatchObject({ ok: 1 });
  const fresh = await sendOnce(port, opMsg({ ping: 1, $db: 'admin' }));
  expect(fresh.reply).toMatchObject({ ok: 1 });
});

describe('raw wire input', () => {
  it('a well-formed OP_MSG ping gets ok: 1 (sanity check of the raw client)', async () => {
    expect((await sendOnce(port, opMsg({ ping: 1, $db: 'admin' }))).reply).toMatchObject({ ok: 1 });
  });
  it('malformed BSON in the body answers InvalidBSON (22) like mongod', async () => {
    const body = Buffer.from(BSON.serialize({ ping: 1, $db: 'admin' }));
    body[4] = 0x7e; // an element type byte that does not exist
    const res = await sendOnce(port, opMsgRaw(body));
    expect(res.reply).toMatchObject({ ok: 0, code: 22, codeName: 'InvalidBSON' });
  });
  it('an unknown opCode closes that connection without a reply', async () => {
    const payload = Buffer.from(BSON.serialize({ ping: 1 }));
    const res = await sendOnce(port, Buffer.concat([header(16 + payload.length, 4242), payload]));
    expect(res).toEqual({ closed: true });
  });
  it('a messageLength above 48,000,000 closes the connection without reading the body', async () => {
    const res = await sendOnce(port, header(48_000_001, 2013));
    expect(res).toEqual({ closed: true });
  });
  it('a messageLength below the header size closes the connection', async () => {
    const res = await sendOnce(port, header(8, 2013));
    expect(res).toEqual({ closed: true });
  });
  it('a document over the BSON maximum in a document sequence answers BSONObjectTooLarge (10334)', async () => {
    const big = Buffer.from(BSON.serialize({ _id: 1, blob: 'x'.repeat(16 * MiB + 20 * 1024) }));
    const res = await sendOnce(port, opMsg({ insert: 'big', $db: 'bad_input' }, [sequence('documents', [big])]), 15_000);
    expect(res.reply).toMatchObject({ ok: 0, code: 10334, codeName: 'BSONObjectTooLarge' });
    expect(await ts.client.db('bad_input').collection<AnyDoc>('big').countDocuments()).toBe(0);
  });
  it('an OP_MSG without $db answers mongod\'s error 40571', async () => {
    const res = await sendOnce(port, opMsg({ ping: 1 }));
    expect(res.reply).toMatchObject({ ok: 0, code: 40571 });
  });
  it('a connection dropped in the middle of a message leaves the server unharmed', async () => {
    const socket = await connect(port);
    socket.write(opMsg({ ping: 1, $db: 'admin' }).subarray(0, 20));
    socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 50));
  });
  it('malformed OP_MSG sections get an error reply in mongod\'s shape and the connection stays open', async () => {
    const body = Buffer.from(BSON.serialize({ insert: 'x', $db: 'bad_input' }));
    const shape = (code: number | undefined, msg: RegExp) => ({ ok: 0, code: code ?? expect.any(Number), codeName: expect.any(String), errmsg: expect.stringMatching(msg) });
    const docs = Buffer.from(BSON.serialize({ _id: 1 }));
    const seq = Buffer.concat([Buffer.from([1]), Buffer.from(Int32Array.of(4 + 10 + docs.length).buffer), Buffer.from('documents\0'), docs]);
    const cases: [Buffer, ReturnType<typeof shape>][] = [
      [opMsgRaw(body, [Buffer.from([7, 5, 0, 0, 0])]), shape(40432, /^Unknown section kind 7$/)],
      [opMsgRaw(body, [Buffer.concat([Buffer.from([0]), body])]), shape(40430, /^Multiple body sections in message$/)],
      [opMsgRaw(Buffer.from(BSON.serialize({ insert: 'x', documents: [], $db: 'bad_input' })), [seq]), shape(40433, /^Duplicate field between body and document sequence/)],
      // mongod's code for an overrunning sequence size is not pinned: any error in this shape
      [opMsgRaw(body, [Buffer.concat([Buffer.from([1, 0xff, 0, 0, 0]), Buffer.from('documents\0')])]), shape(undefined, /sequence/i)],
    ];
    for (const [bytes, expected] of cases) {
      const socket = await connect(port);
      try {
        const res = await exchange(socket, bytes);
        expect(res.reply).toEqual(expected);
        expect((await exchange(socket, opMsg({ ping: 1, $db: 'admin' }))).reply).toMatchObject({ ok: 1 });
      } finally {
        socket.destroy();
      }
    }
  });
  it('unknown required OP_MSG flag bits close the connection', async () => {
    const msg = opMsg({ ping: 1, $db: 'admin' });
    msg.writeUInt32LE(1 << 5, 16);
    expect(await sendOnce(port, msg)).toEqual({ closed: true });
  });
  it('a message that arrives in many small pieces is reassembled', async () => {
    const socket = await connect(port);
    const msg = opMsg({ ping: 1, $db: 'admin' });
    const first = msg.subarray(0, 3);
    socket.write(first);
    const res = await exchange(socket, msg.subarray(3));
    socket.destroy();
    expect(res.reply).toMatchObject({ ok: 1 });
  });
});

describe('driver-level bad input', () => {
  it('a document just over 16 MiB is refused: object to insert too large', async () => {
    const coll = ts.client.db('bad_input').collection<AnyDoc>('big2');
    const err = await errorOf(() => coll.insertOne({ _id: 1, blob: 'x'.repeat(16 * MiB) } as never));
    expect(err).toBeInstanceOf(MongoServerError);
    expect(err).toMatchObject({ code: 2 });
    expect(err.message).toMatch(/object to insert too large/);
    expect(await coll.countDocuments()).toBe(0);
  });
  it('top-level $-prefixed field names are stored as given (MongoDB >= 5.0 semantics)', async () => {
    const coll = ts.client.db('bad_input').collection<AnyDoc>('dollars');
    await coll.insertOne({ _id: 1, $a: 1, 'b.c': 2 } as never);
    expect(await coll.findOne({ _id: 1 } as never)).toEqual({ _id: 1, $a: 1, 'b.c': 2 });
  });
  it('a $-prefixed field inside _id is refused with mongod\'s message', async () => {
    const coll = ts.client.db('bad_input').collection<AnyDoc>('dollars_id');
    const err = await errorOf(() => coll.insertOne({ _id: { $a: 1 } } as never));
    expect(err).toBeInstanceOf(MongoServerError);
    expect(err.message).toContain("_id fields may not contain '$'-prefixed fields: $a is not valid for storage.");
    expect(await coll.countDocuments()).toBe(0);
  });
  it('documents nested deeper than 180 levels are refused (Overflow, 15); 100 levels are fine', async () => {
    const nest = (depth: number) => {
      let doc: Record<string, unknown> = { leaf: true };
      for (let i = 0; i < depth; i++) doc = { a: doc };
      return doc;
    };
    const coll = ts.client.db('bad_input').collection<AnyDoc>('deep');
    await coll.insertOne({ _id: 'ok', d: nest(100) });
    const err = await errorOf(() => coll.insertOne({ _id: 'deep', d: nest(185) }));
    expect(err).toMatchObject({ code: 15 });
    expect(err.message).toMatch(/nest/i);
    expect(await coll.countDocuments()).toBe(1);
  });
  it('a command on a non-string collection name is refused with InvalidNamespace (73)', async () => {
    const err = await errorOf(() => ts.client.db('bad_input').command({ find: 42 }));
    expect(err).toMatchObject({ code: 73, codeName: 'InvalidNamespace' });
  });
});

describe('many connections', () => {
  it('accepts ~2,000 concurrent loopback connections, serves them, and recovers after they close', async () => {
    const sockets: net.Socket[] = [];
    try {
      for (let batch = 0; batch < 10; batch++) {
        sockets.push(...(await Promise.all(Array.from({ length: 200 }, () => connect(port)))));
      }
      const replies = await Promise.all(sockets.map((s) => exchange(s, opMsg({ ping: 1, $db: 'admin' }), 30_000)));
      expect(replies.filter((r) => r.reply?.ok === 1)).toHaveLength(2_000);
    } finally {
      for (const s of sockets) s.destroy();
    }
  });
});
