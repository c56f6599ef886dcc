/**
 * BSON value ordering as mongod defines it (used by indexes, sort, min/max):
 * MinKey < null/missing < numbers < symbol,string < object < array < binData < ObjectId
 * < bool < date < timestamp < regex < MaxKey. Int32/Long/Double/Decimal128 compare as numbers.
 */
import type { Binary, Decimal128, Long, ObjectId, Timestamp } from 'bson';

type Bsonish = { _bsontype?: string };

export const enum Rank {
  MinKey = 0,
  Null = 1,
  Number = 2,
  String = 3,
  Object = 4,
  Array = 5,
  Binary = 6,
  ObjectId = 7,
  Boolean = 8,
  Date = 9,
  Timestamp = 10,
  Regex = 11,
  MaxKey = 12,
}

export function rank(v: unknown): Rank {
  switch (typeof v) {
    case 'number':
    case 'bigint':
      return Rank.Number;
    case 'string':
      return Rank.String;
    case 'boolean':
      return Rank.Boolean;
    case 'undefined':
      return Rank.Null;
    case 'object':
      break;
    default:
      return Rank.Object;
  }
  if (v === null) return Rank.Null;
  if (Array.isArray(v)) return Rank.Array;
  if (v instanceof Date) return Rank.Date;
  if (v instanceof RegExp) return Rank.Regex;
  if (v instanceof Uint8Array) return Rank.Binary;
  switch ((v as Bsonish)._bsontype) {
    case 'ObjectId':
      return Rank.ObjectId;
    case 'Int32':
    case 'Double':
    case 'Long':
    case 'Decimal128':
      return Rank.Number;
    case 'Binary':
      return Rank.Binary;
    case 'Timestamp':
      return Rank.Timestamp;
    case 'BSONRegExp':
      return Rank.Regex;
    case 'BSONSymbol':
      return Rank.String;
    case 'MinKey':
      return Rank.MinKey;
    case 'MaxKey':
      return Rank.MaxKey;
    default:
      return Rank.Object;
  }
}

/** Numeric value of any BSON number (Decimal128 and huge Long lose precision; ordering is still right for ordinary values). */
export function toNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  const t = (v as Bsonish)._bsontype;
  if (t === 'Long') return (v as Long).toNumber();
  if (t === 'Decimal128') return Number((v as Decimal128).toString());
  if (t === 'Int32' || t === 'Double') return (v as { value: number }).value;
  return NaN;
}

function compareNumbers(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : a === b ? 0 : cmpNaN(a, b);
  const ta = (a as Bsonish)?._bsontype;
  const tb = (b as Bsonish)?._bsontype;
  if (ta === 'Long' && tb === 'Long') return (a as Long).compare(b as Long);
  const x = toNumber(a);
  const y = toNumber(b);
  if (x < y) return -1;
  if (x > y) return 1;
  if (x === y) {
    // exact tie-break for Long vs number beyond 2^53
    if (ta === 'Long' && typeof b === 'number' && Number.isInteger(b)) {
      const x1 = BigInt((a as Long).toString());
      const y1 = BigInt(b);
      return x1 < y1 ? -1 : x1 > y1 ? 1 : 0;
    }
    return 0;
  }
  return cmpNaN(x, y);
}

/** NaN sorts before all other numbers in MongoDB. */
function cmpNaN(a: number, b: number): number {
  const na = Number.isNaN(a);
  const nb = Number.isNaN(b);
  if (na && nb) return 0;
  return na ? -1 : nb ? 1 : 0;
}

function cmpStr(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function bytesOf(v: unknown): Uint8Array {
  if (v instanceof Uint8Array) return v;
  return (v as Binary).buffer;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

export function bsonCompare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  switch (ra) {
    case Rank.Null:
    case Rank.MinKey:
    case Rank.MaxKey:
      return 0;
    case Rank.Number:
      return compareNumbers(a, b);
    case Rank.String:
      return cmpStr(String(a), String(b));
    case Rank.Boolean:
      return (a ? 1 : 0) - (b ? 1 : 0);
    case Rank.Date:
      return Math.sign((a as Date).getTime() - (b as Date).getTime());
    case Rank.ObjectId:
      return compareBytes((a as ObjectId).id, (b as ObjectId).id);
    case Rank.Timestamp:
      return (a as Timestamp).compare(b as Timestamp);
    case Rank.Binary: {
      const x = bytesOf(a);
      const y = bytesOf(b);
      if (x.length !== y.length) return x.length - y.length;
      const sa = (a as Binary).sub_type ?? 0;
      const sb = (b as Binary).sub_type ?? 0;
      if (sa !== sb) return sa - sb;
      return compareBytes(x, y);
    }
    case Rank.Regex: {
      const x = a as { source: string; flags?: string; pattern?: string; options?: string };
      const y = b as typeof x;
      return cmpStr(x.source ?? x.pattern ?? '', y.source ?? y.pattern ?? '') || cmpStr(x.flags ?? x.options ?? '', y.flags ?? y.options ?? '');
    }
    case Rank.Array: {
      const x = a as unknown[];
      const y = b as unknown[];
      const n = Math.min(x.length, y.length);
      for (let i = 0; i < n; i++) {
        const c = bsonCompare(x[i], y[i]);
        if (c) return c;
      }
      return x.length - y.length;
    }
    default: {
      const x = a as Record<string, unknown>;
      const y = b as Record<string, unknown>;
      const kx = Object.keys(x);
      const ky = Object.keys(y);
      const n = Math.min(kx.length, ky.length);
      for (let i = 0; i < n; i++) {
        const va = x[kx[i]!];
        const vb = y[ky[i]!];
        const r = rank(va) - rank(vb);
        if (r) return r;
        const k = cmpStr(kx[i]!, ky[i]!);
        if (k) return k;
        const c = bsonCompare(va, vb);
        if (c) return c;
      }
      return kx.length - ky.length;
    }
  }
}

export const bsonEquals = (a: unknown, b: unknown): boolean => bsonCompare(a, b) === 0;

/**
 * A string key that is equal for two values iff they are equal in BSON terms (1, 1.0 and Long(1) share
 * a key). Used for the _id map and hash lookups.
 */
export function valueKey(v: unknown): string {
  switch (typeof v) {
    case 'string':
      return 's' + v;
    case 'number':
      return 'n' + (Object.is(v, -0) ? 0 : v);
    case 'boolean':
      return v ? 'T' : 'F';
    case 'undefined':
      return 'z';
  }
  if (v === null) return 'z';
  const t = (v as Bsonish)._bsontype;
  if (t === 'ObjectId') return 'o' + (v as ObjectId).toHexString();
  if (v instanceof Date) return 'd' + v.getTime();
  if (rank(v) === Rank.Number) {
    const n = toNumber(v);
    if (t === 'Long' && !Number.isSafeInteger(n)) return 'n' + (v as Long).toString();
    return 'n' + n;
  }
  if (Array.isArray(v)) return '[' + v.map(valueKey).join(',') + ']';
  if (rank(v) === Rank.Object) {
    let s = '{';
    for (const k of Object.keys(v as object)) s += JSON.stringify(k) + ':' + valueKey((v as Record<string, unknown>)[k]) + ',';
    return s + '}';
  }
  if (rank(v) === Rank.Regex) {
    const r = v as { source?: string; flags?: string; pattern?: string; options?: string };
    return 'r' + (r.source ?? r.pattern ?? '') + '/' + (r.flags ?? r.options ?? '');
  }
  if (rank(v) === Rank.Binary) return 'b' + ((v as Binary).sub_type ?? 0) + Buffer.from(bytesOf(v)).toString('base64');
  return 'x' + rank(v) + String(v);
}
