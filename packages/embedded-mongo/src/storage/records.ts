/**
 * Journal records: [u32 payload length][u32 CRC-32C of payload][BSON payload]. A reader stops at
 * the first record that is incomplete, fails its checksum or does not parse (a torn or corrupt tail).
 */
import { BSON, type Document } from 'bson';
import { crc32c } from '../wire/crc32c.ts';
import { deserialize } from '../wire/bson.ts';

export const RECORD_HEADER = 8;

export function encodeRecord(payload: Document): Buffer {
  const body = BSON.serialize(payload);
  const out = Buffer.allocUnsafe(RECORD_HEADER + body.length);
  out.writeUInt32LE(body.length, 0);
  out.writeUInt32LE(crc32c(body), 4);
  out.set(body, RECORD_HEADER);
  return out;
}

export interface ReadResult {
  records: Document[];
  /** Offset just past the last good record. */
  goodEnd: number;
  /** Why reading stopped early, if it did. */
  problem?: string;
}

export function readRecords(buf: Buffer): ReadResult {
  const records: Document[] = [];
  let off = 0;
  while (off < buf.length) {
    if (buf.length - off < RECORD_HEADER) return { records, goodEnd: off, problem: `torn record header at offset ${off} (${buf.length - off} trailing bytes)` };
    const len = buf.readUInt32LE(off);
    const crc = buf.readUInt32LE(off + 4);
    if (len < 5 || off + RECORD_HEADER + len > buf.length)
      return { records, goodEnd: off, problem: `incomplete (torn) record at offset ${off}: ${buf.length - off} trailing bytes` };
    const body = buf.subarray(off + RECORD_HEADER, off + RECORD_HEADER + len);
    if (crc32c(body) !== crc) return { records, goodEnd: off, problem: `corrupt record at offset ${off}: checksum mismatch` };
    try {
      records.push(deserialize(body));
    } catch {
      return { records, goodEnd: off, problem: `corrupt record at offset ${off}: invalid BSON` };
    }
    off += RECORD_HEADER + len;
  }
  return { records, goodEnd: off };
}
