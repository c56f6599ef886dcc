import { BSON, Double, Int32, Long } from 'bson';
import { describe, expect, it } from 'vitest';
import { deserialize } from './bson.ts';
import { crc32c } from './crc32c.ts';
import { decode, encodeMsg, FLAG_CHECKSUM_PRESENT, OP_MSG, ProtocolError } from './codec.ts';

function opMsg(body: object, sequences: [string, object[]][] = [], flags = 0): Buffer {
  const parts: Buffer[] = [Buffer.from([0]), Buffer.from(BSON.serialize(body))];
  for (const [id, docs] of sequences) {
    const payload = Buffer.concat([Buffer.from(id + '\0'), ...docs.map((d) => Buffer.from(BSON.serialize(d)))]);
    const size = Buffer.alloc(4);
    size.writeInt32LE(payload.length + 4);
    parts.push(Buffer.from([1]), size, payload);
  }
  const sections = Buffer.concat(parts);
  const withSum = (flags & FLAG_CHECKSUM_PRESENT) !== 0;
  const msg = Buffer.alloc(20 + sections.length + (withSum ? 4 : 0));
  msg.writeInt32LE(msg.length, 0);
  msg.writeInt32LE(7, 4);
  msg.writeInt32LE(OP_MSG, 12);
  msg.writeUInt32LE(flags, 16);
  sections.copy(msg, 20);
  if (withSum) msg.writeUInt32LE(crc32c(msg, 0, msg.length - 4), msg.length - 4);
  return msg;
}

describe('OP_MSG codec', () => {
  it('merges kind-1 document sequences into the body', () => {
    const req = decode(opMsg({ insert: 'c', $db: 'd' }, [['documents', [{ a: 1 }, { a: 2 }]]]));
    expect(req.type === 'msg' && req.body.documents).toEqual([{ a: 1 }, { a: 2 }]);
  });
  it('verifies a checksum when present and rejects a bad one', () => {
    const good = opMsg({ ping: 1, $db: 'admin' }, [], FLAG_CHECKSUM_PRESENT);
    expect(decode(good).type).toBe('msg');
    good[good.length - 1]! ^= 0xff;
    expect(() => decode(good)).toThrow(ProtocolError);
  });
  it('answers a body that is in both places with 40433', () => {
    try {
      decode(opMsg({ insert: 'c', documents: [], $db: 'd' }, [['documents', [{ a: 1 }]]]));
      expect.unreachable();
    } catch (e) {
      expect((e as ProtocolError).code).toBe(40433);
    }
  });
  it('encodes replies that decode back', () => {
    const reply = encodeMsg(7, { ok: 1, n: Long.fromNumber(3) });
    expect(reply.readInt32LE(8)).toBe(7);
    expect(BSON.deserialize(reply.subarray(21))).toEqual({ ok: 1, n: 3 });
  });
});

describe('BSON decoding', () => {
  it('keeps integral doubles and longs, promotes int32', () => {
    const d = deserialize(BSON.serialize({ i: new Int32(5), d: new Double(5), f: 2.5, l: Long.fromNumber(5) }));
    expect(d.i).toBe(5);
    expect(d.d).toBeInstanceOf(Double);
    expect(d.f).toBe(2.5);
    expect(Long.isLong(d.l)).toBe(true);
  });
});
