/**
 * Wire-protocol codec: message header, OP_MSG (kind 0 and kind 1 sections, checksum,
 * moreToCome), legacy OP_QUERY (handshake only) and OP_REPLY.
 */
import { BSON, type Document } from 'bson';
import { crc32c } from './crc32c.ts';
import { deserialize } from './bson.ts';

export const OP_REPLY = 1;
export const OP_QUERY = 2004;
export const OP_COMPRESSED = 2012;
export const OP_MSG = 2013;

export const FLAG_CHECKSUM_PRESENT = 1 << 0;
export const FLAG_MORE_TO_COME = 1 << 1;
export const FLAG_EXHAUST_ALLOWED = 1 << 16;
/** Bits 0-15 must be understood by the receiver; we know 0 and 1 only. */
const REQUIRED_BITS_MASK = 0xffff;
const KNOWN_BITS = FLAG_CHECKSUM_PRESENT | FLAG_MORE_TO_COME | FLAG_EXHAUST_ALLOWED;

export interface Header {
  length: number;
  requestId: number;
  responseTo: number;
  opCode: number;
}

export interface MsgRequest {
  type: 'msg';
  header: Header;
  flags: number;
  body: Document;
  /** Bytes of the command body document (used for size checks). */
  bodySize: number;
  /** Largest document of any kind-1 section. */
  maxSequenceDoc: number;
}

export interface QueryRequest {
  type: 'query';
  header: Header;
  flags: number;
  collection: string;
  skip: number;
  limit: number;
  query: Document;
}

export type Request = MsgRequest | QueryRequest;

/** A protocol error: the connection that produced it is closed (after an error reply when possible). */
export class ProtocolError extends Error {
  constructor(
    message: string,
    readonly code = 22,
    readonly codeName = 'InvalidBSON',
  ) {
    super(message);
  }
}

export const DESERIALIZE_OPTIONS = { promoteValues: true, promoteLongs: false, promoteBuffers: false, bsonRegExp: true } as const;

export function readHeader(buf: Buffer, offset = 0): Header {
  return {
    length: buf.readInt32LE(offset),
    requestId: buf.readInt32LE(offset + 4),
    responseTo: buf.readInt32LE(offset + 8),
    opCode: buf.readInt32LE(offset + 12),
  };
}

function readCString(buf: Buffer, offset: number, end: number): [string, number] {
  const zero = buf.indexOf(0, offset);
  if (zero < 0 || zero >= end) throw new ProtocolError('unterminated cstring');
  return [buf.toString('utf8', offset, zero), zero + 1];
}

function readDoc(buf: Buffer, offset: number, end: number): [Document, number] {
  if (offset + 5 > end) throw new ProtocolError('truncated BSON document');
  const size = buf.readInt32LE(offset);
  if (size < 5 || offset + size > end) throw new ProtocolError('invalid BSON document size');
  let doc: Document;
  try {
    doc = deserialize(buf.subarray(offset, offset + size));
  } catch (err) {
    throw new ProtocolError(`invalid BSON: ${(err as Error).message}`);
  }
  return [doc, offset + size];
}

/** Decodes a complete message (header included). Throws ProtocolError on malformed input. */
export function decode(buf: Buffer): Request {
  const header = readHeader(buf);
  const end = buf.length;
  if (header.opCode === OP_MSG) {
    const flags = buf.readUInt32LE(16);
    if (flags & REQUIRED_BITS_MASK & ~KNOWN_BITS) throw new ProtocolError(`unknown required OP_MSG flag bits ${flags}`);
    let bodyEnd = end;
    if (flags & FLAG_CHECKSUM_PRESENT) {
      if (end < 24) throw new ProtocolError('OP_MSG too short for checksum');
      bodyEnd = end - 4;
      const expected = buf.readUInt32LE(bodyEnd);
      if (crc32c(buf, 0, bodyEnd) !== expected) throw new ProtocolError('OP_MSG checksum mismatch');
    }
    let offset = 20;
    let body: Document | undefined;
    let bodySize = 0;
    let maxSequenceDoc = 0;
    const sequences: [string, Document[]][] = [];
    while (offset < bodyEnd) {
      const kind = buf[offset++];
      if (kind === 0) {
        if (body) throw new ProtocolError('Multiple body sections in message', 40430, 'Location40430');
        const start = offset;
        [body, offset] = readDoc(buf, offset, bodyEnd);
        bodySize = offset - start;
      } else if (kind === 1) {
        if (offset + 4 > bodyEnd) throw new ProtocolError('truncated document sequence');
        const size = buf.readInt32LE(offset);
        const seqEnd = offset + size;
        if (size < 5 || seqEnd > bodyEnd) throw new ProtocolError('invalid document sequence size');
        let id: string;
        [id, offset] = readCString(buf, offset + 4, seqEnd);
        const docs: Document[] = [];
        while (offset < seqEnd) {
          if (offset + 4 <= seqEnd) maxSequenceDoc = Math.max(maxSequenceDoc, buf.readInt32LE(offset));
          let d: Document;
          [d, offset] = readDoc(buf, offset, seqEnd);
          docs.push(d);
        }
        sequences.push([id, docs]);
      } else {
        throw new ProtocolError(`Unknown section kind ${kind}`, 40432, 'Location40432');
      }
    }
    if (!body) throw new ProtocolError('OP_MSG messages must have a body', 40587, 'Location40587');
    for (const [id, docs] of sequences) {
      if (id in body) throw new ProtocolError(`Duplicate field between body and document sequence documents: ${id}`, 40433, 'Location40433');
      body[id] = docs;
    }
    return { type: 'msg', header, flags, body, bodySize, maxSequenceDoc };
  }
  if (header.opCode === OP_QUERY) {
    const flags = buf.readInt32LE(16);
    const [collection, o1] = readCString(buf, 20, end);
    if (o1 + 8 > end) throw new ProtocolError('truncated OP_QUERY');
    const skip = buf.readInt32LE(o1);
    const limit = buf.readInt32LE(o1 + 4);
    const [query] = readDoc(buf, o1 + 8, end);
    return { type: 'query', header, flags, collection, skip, limit, query };
  }
  throw new ProtocolError(`unsupported opCode ${header.opCode}`);
}

let nextRequestId = 1;
function nextId(): number {
  nextRequestId = (nextRequestId + 1) & 0x7fffffff;
  return nextRequestId;
}

/** Encodes an OP_MSG reply with one kind-0 section. */
export function encodeMsg(responseTo: number, doc: Document, withChecksum = false): Buffer {
  const body = BSON.serialize(doc);
  const length = 16 + 4 + 1 + body.length + (withChecksum ? 4 : 0);
  const out = Buffer.allocUnsafe(length);
  out.writeInt32LE(length, 0);
  out.writeInt32LE(nextId(), 4);
  out.writeInt32LE(responseTo, 8);
  out.writeInt32LE(OP_MSG, 12);
  out.writeUInt32LE(withChecksum ? FLAG_CHECKSUM_PRESENT : 0, 16);
  out[20] = 0;
  out.set(body, 21);
  if (withChecksum) out.writeUInt32LE(crc32c(out, 0, length - 4), length - 4);
  return out;
}

/** Encodes an OP_REPLY with the given documents (legacy handshake answers). */
export function encodeReply(responseTo: number, docs: Document[], flags = 0): Buffer {
  const bodies = docs.map((d) => BSON.serialize(d));
  const length = 16 + 20 + bodies.reduce((n, b) => n + b.length, 0);
  const out = Buffer.allocUnsafe(length);
  out.writeInt32LE(length, 0);
  out.writeInt32LE(nextId(), 4);
  out.writeInt32LE(responseTo, 8);
  out.writeInt32LE(OP_REPLY, 12);
  out.writeInt32LE(flags, 16);
  out.writeBigInt64LE(0n, 20);
  out.writeInt32LE(0, 28);
  out.writeInt32LE(docs.length, 32);
  let o = 36;
  for (const b of bodies) {
    out.set(b, o);
    o += b.length;
  }
  return out;
}
