// Retryable writes: a write re-sent with the same lsid and txnNumber (what a driver does after a
// network error) is answered with the first result and applied only once. Raw OP_MSG, so the
// session fields are exactly what we send.
import { randomUUID } from 'node:crypto';
import { Binary, Long } from 'mongodb';
import type { Document } from 'mongodb';
import type net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from './helpers/server.ts';
import type { TestServer } from './helpers/server.ts';
import { connect, exchange, opMsg } from './helpers/wire.ts';

let ts: TestServer;
let socket: net.Socket;
const lsid = { id: new Binary(Buffer.from(randomUUID().replace(/-/g, ''), 'hex'), 4) };
const send = async (cmd: Document) => (await exchange(socket, opMsg({ ...cmd, $db: 'retry', lsid }))).reply;

beforeAll(async () => {
  ts = await startServer({ replSet: 'rs0' });
  socket = await connect(ts.server.port);
});
afterAll(async () => {
  socket?.destroy();
  await ts?.stop();
});

describe('retryable writes (replica-set mode)', () => {
  it('a retried insert is not applied twice and returns the original result', async () => {
    const cmd = { insert: 'r', documents: [{ _id: 1 }, { _id: 2 }], txnNumber: Long.fromNumber(1) };
    expect(await send(cmd)).toMatchObject({ ok: 1, n: 2 });
    const again = await send(cmd);
    expect(again).toMatchObject({ ok: 1, n: 2 });
    expect(again?.writeErrors).toBeUndefined();
    expect(await ts.client.db('retry').collection('r').countDocuments()).toBe(2);
  });

  it('a retried $inc update and findAndModify apply once and answer as the first time', async () => {
    await ts.client.db('retry').collection('c').insertOne({ _id: 'c', n: 0 } as never);
    const upd = { update: 'c', updates: [{ q: { _id: 'c' }, u: { $inc: { n: 1 } } }], txnNumber: Long.fromNumber(2) };
    expect(await send(upd)).toMatchObject({ ok: 1, n: 1, nModified: 1 });
    expect(await send(upd)).toMatchObject({ ok: 1, n: 1, nModified: 1 });
    const fam = { findAndModify: 'c', query: { _id: 'c' }, update: { $inc: { n: 10 } }, new: true, txnNumber: Long.fromNumber(3) };
    const first = await send(fam);
    expect(first?.value).toEqual({ _id: 'c', n: 11 });
    expect((await send(fam))?.value).toEqual({ _id: 'c', n: 11 });
    expect(await ts.client.db('retry').collection('c').findOne({ _id: 'c' } as never)).toEqual({ _id: 'c', n: 11 });
  });

  it('a new txnNumber is a new write; an older one is refused', async () => {
    expect(await send({ insert: 'r', documents: [{ _id: 3 }], txnNumber: Long.fromNumber(4) })).toMatchObject({ ok: 1, n: 1 });
    const old = await send({ insert: 'r', documents: [{ _id: 4 }], txnNumber: Long.fromNumber(1) });
    expect(old).toMatchObject({ ok: 0, code: 225, codeName: 'TransactionTooOld' });
    expect(await ts.client.db('retry').collection('r').countDocuments()).toBe(3);
  });

});
