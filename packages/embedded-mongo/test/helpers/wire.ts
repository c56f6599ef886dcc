// Minimal wire-protocol client over a raw TCP socket, to send what no driver would send.
import net from 'node:net';
import { BSON } from 'mongodb';
import type { Document } from 'mongodb';

export const OP_MSG = 2013;
let requestId = 1;

export function header(length: number, opCode: number, id = requestId++): Buffer {
  const h = Buffer.alloc(16);
  h.writeInt32LE(length, 0);
  h.writeInt32LE(id, 4);
  h.writeInt32LE(0, 8);
  h.writeInt32LE(opCode, 12);
  return h;
}

/** An OP_MSG with one kind-0 body section (raw bytes, so it can be malformed on purpose). */
export function opMsgRaw(body: Buffer, extraSections: Buffer[] = []): Buffer {
  const payload = Buffer.concat([Buffer.alloc(4), Buffer.from([0]), body, ...extraSections]);
  return Buffer.concat([header(16 + payload.length, OP_MSG), payload]);
}

export function opMsg(doc: Document, extraSections: Buffer[] = []): Buffer {
  return opMsgRaw(Buffer.from(BSON.serialize(doc)), extraSections);
}

/** A kind-1 document sequence section (e.g. `documents` of an insert). */
export function sequence(identifier: string, docs: Buffer[]): Buffer {
  const id = Buffer.from(`${identifier}\0`, 'utf8');
  const size = 4 + id.length + docs.reduce((n, d) => n + d.length, 0);
  const len = Buffer.alloc(4);
  len.writeInt32LE(size, 0);
  return Buffer.concat([Buffer.from([1]), len, id, ...docs]);
}

export interface RawResult {
  /** The decoded body of the first OP_MSG reply, if one came. */
  reply?: Document;
  /** True when the server closed the connection (without or after replying). */
  closed: boolean;
}

export function connect(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host: '127.0.0.1' }, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Sends bytes and waits for one complete reply, a close, or `timeoutMs` (then neither). */
export function exchange(socket: net.Socket, bytes: Buffer, timeoutMs = 5_000): Promise<RawResult> {
  return new Promise((resolve) => {
    let buf = Buffer.alloc(0);
    const done = (result: RawResult) => {
      clearTimeout(timer);
      socket.removeListener('data', onData);
      socket.removeListener('close', onClose);
      socket.removeListener('error', onError);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      if (buf.length >= 4 && buf.length >= buf.readInt32LE(0)) {
        const opCode = buf.readInt32LE(12);
        const reply = opCode === OP_MSG ? BSON.deserialize(buf.subarray(21, 21 + buf.readInt32LE(21))) : { opCode };
        done({ reply, closed: socket.destroyed });
      }
    };
    const onClose = () => done({ closed: true });
    const onError = () => undefined; // a reset is reported through 'close'
    const timer = setTimeout(() => done({ closed: false }), timeoutMs);
    socket.on('data', onData);
    socket.on('close', onClose);
    socket.on('error', onError);
    socket.write(bytes);
  });
}

/** Opens a connection, sends bytes, reports the outcome, then closes. */
export async function sendOnce(port: number, bytes: Buffer, timeoutMs?: number): Promise<RawResult> {
  const socket = await connect(port);
  try {
    return await exchange(socket, bytes, timeoutMs);
  } finally {
    socket.destroy();
  }
}

/** OP_MSG with explicit flag bits (moreToCome = 2, checksumPresent = 1: a CRC-32C is appended). */
export function opMsgWithFlags(doc: Document, flags: number): Buffer {
  const body = Buffer.from(BSON.serialize(doc));
  const flagBuf = Buffer.alloc(4);
  flagBuf.writeUInt32LE(flags, 0);
  const withChecksum = (flags & 1) === 1;
  const length = 16 + 4 + 1 + body.length + (withChecksum ? 4 : 0);
  const msg = Buffer.concat([header(length, OP_MSG), flagBuf, Buffer.from([0]), body]);
  if (!withChecksum) return msg;
  const crc = Buffer.alloc(4);
  crc.writeUInt32LE(crc32c(msg), 0);
  return Buffer.concat([msg, crc]);
}

/** Legacy OP_QUERY (2004), as drivers use for the first handshake. */
export function opQuery(fullCollectionName: string, query: Document): Buffer {
  const flags = Buffer.alloc(4);
  const name = Buffer.from(`${fullCollectionName}\0`, 'utf8');
  const skipReturn = Buffer.alloc(8);
  skipReturn.writeInt32LE(-1, 4);
  const body = Buffer.concat([flags, name, skipReturn, Buffer.from(BSON.serialize(query))]);
  return Buffer.concat([header(16 + body.length, 2004), body]);
}

/** Reads `count` complete replies (header fields plus the first body document). */
export function readReplies(socket: net.Socket, count: number, timeoutMs = 5_000): Promise<{ responseTo: number; opCode: number; doc: Document }[]> {
  return new Promise((resolve, reject) => {
    let buf = Buffer.alloc(0);
    const out: { responseTo: number; opCode: number; doc: Document }[] = [];
    const timer = setTimeout(() => reject(new Error(`only ${out.length} of ${count} replies`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      while (buf.length >= 4 && buf.length >= buf.readInt32LE(0)) {
        const len = buf.readInt32LE(0);
        const opCode = buf.readInt32LE(12);
        const docStart = opCode === OP_MSG ? 21 : 36; // OP_REPLY: flags, cursorId, startingFrom, numberReturned
        out.push({ responseTo: buf.readInt32LE(8), opCode, doc: BSON.deserialize(buf.subarray(docStart, docStart + buf.readInt32LE(docStart))) });
        buf = buf.subarray(len);
      }
      if (out.length >= count) {
        clearTimeout(timer);
        socket.removeListener('data', onData);
        resolve(out);
      }
    };
    socket.on('data', onData);
  });
}

let crcTable: Uint32Array | undefined;
/** CRC-32C (Castagnoli), as OP_MSG checksums use. */
export function crc32c(data: Buffer): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let i = 0; i < 256; i++) {
      let c = i;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
      crcTable[i] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const byte of data) crc = crcTable[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
