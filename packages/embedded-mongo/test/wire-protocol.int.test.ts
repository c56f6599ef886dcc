// Wire-protocol details drivers rely on, over raw sockets: the OP_QUERY handshake answered with
// OP_REPLY, pipelined OP_MSG requests matched by responseTo, moreToCome (no reply), checksums.
import { BSON } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from './helpers/server.ts';
import type { TestServer } from './helpers/server.ts';
import { connect, crc32c, exchange, opMsg, opMsgWithFlags, opQuery, readReplies, sequence } from './helpers/wire.ts';

let ts: TestServer;
beforeAll(async () => {
  ts = await startServer();
});
afterAll(async () => {
  await ts?.stop();
});

describe('wire protocol', () => {
  it('CRC-32C helper matches the standard check value', () => {
    expect(crc32c(Buffer.from('123456789'))).toBe(0xe3069283);
  });

  it('answers an OP_QUERY isMaster handshake with an OP_REPLY', async () => {
    const socket = await connect(ts.server.port);
    try {
      const request = opQuery('admin.$cmd', { isMaster: 1, helloOk: true, client: { driver: { name: 'raw', version: '0' } } });
      const requestId = request.readInt32LE(4);
      socket.write(request);
      const [reply] = await readReplies(socket, 1);
      expect(reply?.opCode).toBe(1);
      expect(reply?.responseTo).toBe(requestId);
      expect(reply?.doc).toMatchObject({ ok: 1, ismaster: true, helloOk: true, maxWireVersion: 21 });
    } finally {
      socket.destroy();
    }
  });

  it('answers pipelined requests in order, each with its responseTo', async () => {
    const socket = await connect(ts.server.port);
    try {
      const a = opMsg({ ping: 1, $db: 'admin' });
      const b = opMsg({ insert: 'pipelined', $db: 'wire' }, [sequence('documents', [Buffer.from(BSON.serialize({ _id: 1 })), Buffer.from(BSON.serialize({ _id: 2 }))])]);
      const c = opMsg({ count: 'pipelined', $db: 'wire' });
      socket.write(Buffer.concat([a, b, c]));
      const replies = await readReplies(socket, 3);
      expect(replies.map((r) => r.responseTo)).toEqual([a, b, c].map((m) => m.readInt32LE(4)));
      expect(replies.map((r) => r.doc)).toMatchObject([{ ok: 1 }, { ok: 1, n: 2 }, { ok: 1, n: 2 }]);
    } finally {
      socket.destroy();
    }
  });

  it('sends no reply for moreToCome (endSessions, w:0 writes) and keeps the connection usable', async () => {
    const socket = await connect(ts.server.port);
    try {
      const silent = await exchange(socket, opMsgWithFlags({ insert: 'silent', documents: [{ _id: 1 }], writeConcern: { w: 0 }, $db: 'wire' }, 2), 500);
      expect(silent).toEqual({ closed: false });
      const ended = await exchange(socket, opMsgWithFlags({ endSessions: [], $db: 'admin' }, 2), 300);
      expect(ended).toEqual({ closed: false });
      const next = await exchange(socket, opMsg({ find: 'silent', filter: {}, $db: 'wire' }));
      expect(next.reply?.cursor.firstBatch).toEqual([{ _id: 1 }]);
    } finally {
      socket.destroy();
    }
  });

  it('accepts an OP_MSG carrying a valid CRC-32C checksum', async () => {
    const socket = await connect(ts.server.port);
    try {
      const res = await exchange(socket, opMsgWithFlags({ ping: 1, $db: 'admin' }, 1));
      expect(res.reply).toMatchObject({ ok: 1 });
    } finally {
      socket.destroy();
    }
  });

  it('a client that pipelines thousands of requests before reading gets every reply, in order', async () => {
    await ts.client.db('wire').collection('backlog').insertMany([{ _id: 1 }, { _id: 2 }] as never[]);
    const socket = await connect(ts.server.port);
    try {
      const requests = Array.from({ length: 3_000 }, (_, i) => opMsg({ find: 'backlog', filter: { _id: (i % 2) + 1 }, $db: 'wire' }));
      socket.pause();
      socket.write(Buffer.concat(requests));
      await new Promise((resolve) => setTimeout(resolve, 300));
      const replies = readReplies(socket, requests.length, 30_000);
      socket.resume();
      const got = await replies;
      expect(got.map((r) => r.responseTo)).toEqual(requests.map((m) => m.readInt32LE(4)));
      expect(got.every((r, i) => r.doc.cursor.firstBatch[0]._id === (i % 2) + 1)).toBe(true);
    } finally {
      socket.destroy();
    }
  });
});
