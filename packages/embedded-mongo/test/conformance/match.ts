// Matching rules of the unified test format ("Evaluating Matches"): extra fields are allowed in
// root-level documents only; numbers match across int/long/double by value; arrays match
// element by element and in length; `$$`-operators ($$exists, $$type, $$unsetOrMatches,
// $$sessionLsid, $$matchAsDocument, $$matchAsRoot, $$lte, $$matchesEntity) are evaluated here.
import { Binary, BSON, Decimal128, Long, ObjectId } from 'mongodb';

const { EJSON } = BSON;

export type Entities = Map<string, unknown>;

export class MatchError extends Error {}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function bsonType(v: unknown): string | undefined {
  return isPlainObject(v) && typeof v._bsontype === 'string' ? v._bsontype : undefined;
}

/** Number value for int/long/double (number, Long, Int32, Double); undefined otherwise. */
function numeric(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (Long.isLong(v)) return v.toNumber();
  const t = bsonType(v);
  if (t === 'Int32' || t === 'Double') return Number((v as { value: number }).value);
  return undefined;
}

const typeChecks: Record<string, (v: unknown) => boolean> = {
  double: (v) => typeof v === 'number' || bsonType(v) === 'Double',
  string: (v) => typeof v === 'string',
  object: (v) => isPlainObject(v) && bsonType(v) === undefined,
  array: (v) => Array.isArray(v),
  binData: (v) => v instanceof Binary,
  undefined: (v) => v === undefined,
  objectId: (v) => v instanceof ObjectId,
  bool: (v) => typeof v === 'boolean',
  date: (v) => v instanceof Date,
  null: (v) => v === null,
  regex: (v) => v instanceof RegExp || bsonType(v) === 'BSONRegExp',
  javascript: (v) => bsonType(v) === 'Code',
  symbol: (v) => bsonType(v) === 'BSONSymbol',
  timestamp: (v) => bsonType(v) === 'Timestamp',
  decimal: (v) => v instanceof Decimal128,
  minKey: (v) => bsonType(v) === 'MinKey',
  maxKey: (v) => bsonType(v) === 'MaxKey',
  int: (v) => (typeof v === 'number' && Number.isInteger(v) && Math.abs(v) < 2 ** 31) || bsonType(v) === 'Int32',
  long: (v) => (typeof v === 'number' && Number.isInteger(v)) || Long.isLong(v) || typeof v === 'bigint',
};

function fail(path: string, message: string, actual: unknown): never {
  throw new MatchError(`${path || '<root>'}: ${message}; actual ${EJSON.stringify(actual as never, { relaxed: true })}`);
}

function specialOperator(expected: unknown): string | undefined {
  if (!isPlainObject(expected)) return undefined;
  const keys = Object.keys(expected);
  return keys.length === 1 && keys[0]!.startsWith('$$') ? keys[0] : undefined;
}

/** Asserts `actual` matches `expected`; `root` allows extra fields at this level. */
export function assertMatches(actual: unknown, expected: unknown, entities: Entities, root = true, path = ''): void {
  if (actual instanceof Map) actual = Object.fromEntries(actual); // the driver sends `sort` as a Map
  const op = specialOperator(expected);
  if (op !== undefined) return matchOperator(op, actual, (expected as Record<string, unknown>)[op], entities, root, path);
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) fail(path, 'expected an array', actual);
    if (actual.length !== expected.length) fail(path, `expected ${expected.length} elements, got ${actual.length}`, actual);
    expected.forEach((e, i) => assertMatches(actual[i], e, entities, false, `${path}[${i}]`));
    return;
  }
  if (isPlainObject(expected) && bsonType(expected) === undefined) {
    if (!isPlainObject(actual) || bsonType(actual) !== undefined) fail(path, 'expected a document', actual);
    for (const [key, value] of Object.entries(expected)) {
      const sub = `${path}.${key}`;
      const valueOp = specialOperator(value);
      if (!(key in actual) || actual[key] === undefined) {
        if (valueOp === '$$exists' && (value as { $$exists: boolean }).$$exists === false) continue;
        if (valueOp === '$$unsetOrMatches') continue;
        fail(sub, 'missing field', actual);
      }
      assertMatches(actual[key], value, entities, false, sub);
    }
    if (!root) {
      const extra = Object.keys(actual).filter((k) => !(k in expected) && actual[k] !== undefined);
      if (extra.length > 0) fail(path, `unexpected fields ${extra.join(', ')}`, actual);
    }
    return;
  }
  matchScalar(actual, expected, path);
}

function matchScalar(actual: unknown, expected: unknown, path: string): void {
  const e = numeric(expected);
  if (e !== undefined) {
    const a = numeric(actual);
    if (a === undefined || !(a === e || (Number.isNaN(a) && Number.isNaN(e)))) fail(path, `expected number ${e}`, actual);
    return;
  }
  if (expected instanceof Decimal128) {
    if (!(actual instanceof Decimal128) || actual.toString() !== expected.toString()) fail(path, `expected ${expected}`, actual);
    return;
  }
  if (expected instanceof ObjectId) {
    if (!(actual instanceof ObjectId) || !actual.equals(expected)) fail(path, `expected ${expected}`, actual);
    return;
  }
  if (expected instanceof Date) {
    if (!(actual instanceof Date) || actual.getTime() !== expected.getTime()) fail(path, `expected ${expected.toISOString()}`, actual);
    return;
  }
  if (bsonType(expected) !== undefined) {
    const same = EJSON.stringify(actual as never) === EJSON.stringify(expected as never);
    if (!same) fail(path, `expected ${EJSON.stringify(expected as never)}`, actual);
    return;
  }
  if (actual !== expected) fail(path, `expected ${JSON.stringify(expected)}`, actual);
}

function matchOperator(op: string, actual: unknown, arg: unknown, entities: Entities, root: boolean, path: string): void {
  switch (op) {
    case '$$exists':
      if ((actual !== undefined) !== arg) fail(path, arg ? 'expected to exist' : 'expected not to exist', actual);
      return;
    case '$$type': {
      const types = Array.isArray(arg) ? (arg as string[]) : [arg as string];
      if (!types.some((t) => typeChecks[t]?.(actual) ?? false)) fail(path, `expected type ${types.join('|')}`, actual);
      return;
    }
    case '$$unsetOrMatches':
      if (actual === undefined) return;
      return assertMatches(actual, arg, entities, root, path);
    case '$$matchesEntity':
      return assertMatches(actual, entities.get(arg as string), entities, root, path);
    case '$$sessionLsid': {
      const session = entities.get(arg as string) as { id?: { id: Binary } } | undefined;
      const id = session?.id?.id;
      const actualId = isPlainObject(actual) ? (actual.id as Binary | undefined) : undefined;
      if (!id || !actualId || Buffer.compare(Buffer.from(id.buffer), Buffer.from(actualId.buffer)) !== 0) {
        fail(path, `expected lsid of session ${String(arg)}`, actual);
      }
      return;
    }
    case '$$matchAsDocument':
      if (typeof actual !== 'string') fail(path, 'expected a JSON string', actual);
      return assertMatches(EJSON.parse(actual, { relaxed: false }), arg, entities, false, path);
    case '$$matchAsRoot':
      return assertMatches(actual, arg, entities, true, path);
    case '$$lte': {
      const a = numeric(actual);
      if (a === undefined || a > Number(arg)) fail(path, `expected <= ${String(arg)}`, actual);
      return;
    }
    default:
      fail(path, `unsupported special operator ${op}`, actual);
  }
}
