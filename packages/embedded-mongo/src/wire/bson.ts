/**
 * BSON decoding with type fidelity: Int32 becomes a JS number (it serializes back as Int32), a
 * Double that holds a non-integer becomes a JS number (serializes back as Double), an integral
 * Double keeps its `Double` wrapper (so 5.0 and -0.0 stay doubles), and Long, Decimal128, Symbol,
 * BSON regexes and every other type keep their classes.
 */
import { BSON, type Document } from 'bson';

const RAW = { promoteValues: false, promoteLongs: false, promoteBuffers: false, bsonRegExp: true } as const;

function promote(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) v[i] = promote(v[i]);
    return v;
  }
  const t = (v as { _bsontype?: string })._bsontype;
  if (t === 'Int32') return (v as { value: number }).value;
  if (t === 'Double') {
    const n = (v as { value: number }).value;
    return Number.isInteger(n) ? v : n;
  }
  if (t !== undefined) return v;
  if (v instanceof Date) return v;
  const o = v as Record<string, unknown>;
  for (const k in o) o[k] = promote(o[k]);
  return v;
}

export function deserialize(buf: Uint8Array): Document {
  return promote(BSON.deserialize(buf, RAW)) as Document;
}
