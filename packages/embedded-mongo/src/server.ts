/** TCP server: message framing, per-connection sequential processing, error isolation. */
import net from 'node:net';
import type { Document } from 'bson';
import { runCommand } from './commands/dispatch.ts';
import type { ConnectionInfo, ServerState } from './commands/context.ts';
import { helloReply } from './commands/hello.ts';
import { decode, encodeMsg, encodeReply, FLAG_CHECKSUM_PRESENT, FLAG_MORE_TO_COME, OP_MSG, OP_QUERY, ProtocolError, readHeader } from './wire/codec.ts';
import { MAX_COMMAND_SIZE, MAX_MESSAGE_SIZE_BYTES } from './wire/limits.ts';
import type { Logger } from './log.ts';

let nextConnId = 1;
/** Pipelined messages buffered per connection before reading pauses (and resumes). */
const QUEUE_HIGH = 256;
const QUEUE_LOW = 16;

export class WireServer {
  private readonly server: net.Server;
  private readonly sockets = new Set<net.Socket>();

  constructor(
    private readonly state: ServerState,
    private readonly log: Logger,
  ) {
    this.server = net.createServer((socket) => this.accept(socket));
    this.server.on('error', (e) => this.log.error(`server error: ${e.message}`));
    this.server.maxConnections = 100_000;
  }

  listen(port: number, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve((this.server.address() as net.AddressInfo).port);
      });
    });
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      for (const s of this.sockets) s.destroy();
    });
  }

  private accept(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.setNoDelay(true);
    const conn: ConnectionInfo = { id: nextConnId++, remote: `${socket.remoteAddress}:${socket.remotePort}` };
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let expected = 0;
    const queue: Buffer[] = [];
    let busy = false;
    let closed = false;
    let paused = false;

    const close = (why?: string): void => {
      if (closed) return;
      closed = true;
      if (why) this.log.warn(`connection ${conn.id} closed: ${why}`);
      socket.destroy();
    };
    socket.on('close', () => {
      closed = true;
      this.sockets.delete(socket);
    });
    socket.on('error', () => close());

    const pump = async (): Promise<void> => {
      if (busy) return;
      busy = true;
      try {
        while (queue.length && !closed) {
          const msg = queue.shift()!;
          const reply = await this.handle(msg, conn).catch((e: unknown) => {
            if (e instanceof ProtocolError) close(e.message);
            else close(`internal error: ${(e as Error).message}`);
            return undefined;
          });
          // backpressure: a client that does not read its replies stops being read from
          if (reply && !closed && !socket.write(reply)) await drained(socket);
          if (paused && queue.length < QUEUE_LOW && !closed) {
            paused = false;
            socket.resume();
          }
        }
      } finally {
        busy = false;
      }
    };

    socket.on('data', (chunk: Buffer) => {
      if (closed) return;
      pending.push(chunk);
      pendingBytes += chunk.length;
      while (pendingBytes >= 4) {
        if (expected === 0) {
          if (pending[0]!.length < 4) pending = [Buffer.concat(pending, pendingBytes)];
          expected = pending[0]!.readInt32LE(0);
          if (expected < 16 || expected > MAX_MESSAGE_SIZE_BYTES) {
            close(`invalid message length ${expected}`);
            return;
          }
        }
        if (pendingBytes < expected) break;
        const buf = pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingBytes);
        queue.push(buf.subarray(0, expected));
        const rest = buf.subarray(expected);
        pending = rest.length ? [rest] : [];
        pendingBytes = rest.length;
        expected = 0;
      }
      if (queue.length > QUEUE_HIGH && !paused) {
        paused = true;
        socket.pause();
      }
      void pump();
    });
  }

  /** Returns the encoded reply, or undefined when none is due (moreToCome). */
  private async handle(msg: Buffer, conn: ConnectionInfo): Promise<Buffer | undefined> {
    const header = readHeader(msg);
    if (header.opCode !== OP_MSG && header.opCode !== OP_QUERY) throw new ProtocolError(`unsupported opCode ${header.opCode}`);
    let req;
    try {
      req = decode(msg);
    } catch (e) {
      if (!(e instanceof ProtocolError) || header.opCode !== OP_MSG || /checksum|flag/.test(e.message)) throw e;
      // the framing is intact: answer like mongod does for an invalid command and keep the connection
      return encodeMsg(header.requestId, { ok: 0, errmsg: e.message, code: e.code, codeName: e.codeName });
    }
    if (req.type === 'query') {
      const q = req.query.$query && typeof req.query.$query === 'object' ? (req.query.$query as Document) : req.query;
      if (!req.collection.endsWith('.$cmd')) {
        return encodeReply(header.requestId, [{ $err: 'OP_QUERY is no longer supported', code: 5739101, ok: 0 }], 2);
      }
      const dbName = req.collection.slice(0, -5);
      const name = Object.keys(q)[0] ?? '';
      let reply: Document;
      if (/^(isMaster|ismaster|hello)$/.test(name)) reply = helloReply(this.state, conn.id, name !== 'hello');
      else reply = await runCommand(this.state, conn, q, dbName, msg.length);
      if (name === 'isMaster' || name === 'ismaster' || name === 'hello') conn.client = q.client as Document | undefined;
      return encodeReply(header.requestId, [reply]);
    }
    const body = req.body;
    const dbName = typeof body.$db === 'string' ? body.$db : undefined;
    let reply: Document;
    const largest = Math.max(req.bodySize, req.maxSequenceDoc);
    if (largest > MAX_COMMAND_SIZE)
      reply = { ok: 0, errmsg: `BSONObj size: ${largest} (0x${largest.toString(16).toUpperCase()}) is invalid. Size must be between 0 and 16793600(16MB)`, code: 10334, codeName: 'BSONObjectTooLarge' };
    else if (!dbName) reply = { ok: 0, errmsg: "OP_MSG requests require a $db argument", code: 40571, codeName: 'Location40571' };
    else reply = await runCommand(this.state, conn, body, dbName, msg.length);
    if (req.flags & FLAG_MORE_TO_COME) return undefined;
    const checksum = (req.flags & FLAG_CHECKSUM_PRESENT) !== 0;
    try {
      return encodeMsg(header.requestId, reply, checksum);
    } catch {
      // e.g. a distinct whose values exceed the reply limit: answer like mongod instead of dropping the connection
      return encodeMsg(header.requestId, { ok: 0, errmsg: 'reply exceeds the maximum BSON document size of 16MB', code: 10334, codeName: 'BSONObjectTooLarge' }, checksum);
    }
  }
}

function drained(socket: net.Socket): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      socket.off('drain', done);
      socket.off('close', done);
      resolve();
    };
    socket.on('drain', done);
    socket.on('close', done);
  });
}
