/**
 * Update operators with mongod's semantics: dotted paths, positional `$`, `$[]`, `$[id]` with
 * arrayFilters, numeric type rules for $inc/$mul (int, long, double, decimal), and mongod's errors.
 */
import { Decimal128, Double, Long, Timestamp, type Document } from 'bson';
import { err } from '../errors.ts';
import { bsonCompare, bsonEquals, rank, Rank, toNumber } from './compare.ts';
import { formatDoc, formatValue } from './format.ts';
import { jsRegexes, Query } from './mingo.ts';
import { child, parseArrayFilters, setChild, targets, typeName, type OpContext, type Target } from './update-paths.ts';
export { positionalIndex } from './update-paths.ts';
import { cloneDoc, getPath, isPlainObject } from './paths.ts';
import { sortDocs, parseSort } from './sort.ts';

const get = (t: Target): unknown => child(t.parent, t.key);

function numKind(v: unknown): 'int' | 'long' | 'double' | 'decimal' | undefined {
  if (typeof v === 'number') return Number.isInteger(v) && v >= -2147483648 && v <= 2147483647 ? 'int' : 'double';
  const t = (v as { _bsontype?: string } | null)?._bsontype;
  if (t === 'Long') return 'long';
  if (t === 'Decimal128') return 'decimal';
  if (t === 'Int32') return 'int';
  if (t === 'Double') return 'double';
  return undefined;
}

/** a (op) b with MongoDB's result type: decimal > double > long > int (int overflow becomes long). */
export function arith(a: unknown, b: unknown, op: 'add' | 'mul'): unknown {
  const ka = numKind(a)!;
  const kb = numKind(b)!;
  const f = op === 'add' ? (x: number, y: number) => x + y : (x: number, y: number) => x * y;
  if (ka === 'decimal' || kb === 'decimal') return Decimal128.fromString(String(f(toNumber(a), toNumber(b))));
  if (ka === 'double' || kb === 'double') {
    const r = f(toNumber(a), toNumber(b));
    return Number.isInteger(r) ? new Double(r) : r;
  }
  if (ka === 'long' || kb === 'long') {
    const la = Long.fromValue(ka === 'long' ? (a as Long) : Long.fromNumber(toNumber(a)));
    const lb = kb === 'long' ? (b as Long) : Long.fromNumber(toNumber(b));
    return op === 'add' ? la.add(lb) : la.multiply(lb);
  }
  const r = f(a as number, b as number);
  if (r >= -2147483648 && r <= 2147483647) return r;
  return Long.fromNumber(r);
}

function zeroLike(v: unknown): unknown {
  const k = numKind(v);
  if (k === 'long') return Long.ZERO;
  if (k === 'decimal') return Decimal128.fromString('0');
  return 0;
}

function ensureArray(t: Target, ctx: OpContext, op: string): unknown[] {
  const cur = get(t);
  if (cur === undefined) {
    const arr: unknown[] = [];
    setChild(t.parent, t.key, arr, t.path);
    return arr;
  }
  if (!Array.isArray(cur))
    throw err(op === '$push' || op === '$addToSet' ? 2 : 14, `The field '${t.path}' must be an array but is of type ${typeName(cur)} in document {_id: ${formatValue(ctx.root._id)}}`);
  return cur;
}

function pullMatcher(raw: unknown): (e: unknown) => boolean {
  const cond = jsRegexes(raw);
  if (isPlainObject(cond)) {
    const keys = Object.keys(cond);
    const opStyle = keys.length > 0 && keys.every((k) => k.startsWith('$') && !['$and', '$or', '$nor', '$expr'].includes(k));
    if (opStyle) {
      const q = new Query({ v: cond });
      return (e) => q.test({ v: e });
    }
    const q = new Query(cond);
    return (e) => isPlainObject(e) && q.test(e);
  }
  if (cond instanceof RegExp) return (e) => typeof e === 'string' && cond.test(e);
  return (e) => bsonEquals(e, cond);
}

type OpFn = (ctx: OpContext, path: string, arg: unknown) => void;

const OPS: Record<string, OpFn> = {
  $set(ctx, path, arg) {
    for (const t of targets(ctx, path, true)) setChild(t.parent, t.key, cloneDoc(arg), t.path);
  },
  $unset(ctx, path) {
    for (const t of targets(ctx, path, false)) {
      if (Array.isArray(t.parent)) {
        if (/^\d+$/.test(t.key) && Number(t.key) < t.parent.length) t.parent[Number(t.key)] = null;
      } else delete t.parent[t.key];
    }
  },
  $inc: (ctx, path, arg) => arithmetic(ctx, path, arg, 'add', '$inc'),
  $mul: (ctx, path, arg) => arithmetic(ctx, path, arg, 'mul', '$mul'),
  $min: (ctx, path, arg) => minmax(ctx, path, arg, -1),
  $max: (ctx, path, arg) => minmax(ctx, path, arg, 1),
  $rename(ctx, path, arg) {
    if (typeof arg !== 'string' || arg === '') throw err(2, `The 'to' field for $rename must be a string: ${path}: ${formatValue(arg)}`);
    if (arg === path) throw err(2, `The source and target field for $rename must differ: ${path}: "${arg}"`);
    if (path.includes('$') || arg.includes('$')) throw err(2, `The source field for $rename may not be dynamic: ${path}`);
    const [src] = targets(ctx, path, false);
    if (!src || Array.isArray(src.parent)) return;
    const v = get(src);
    if (v === undefined) return;
    delete (src.parent as Document)[src.key];
    for (const t of targets(ctx, arg, true)) setChild(t.parent, t.key, v, t.path);
  },
  $currentDate(ctx, path, arg) {
    const ts = isPlainObject(arg) && arg.$type === 'timestamp';
    if (!(arg === true || (isPlainObject(arg) && (arg.$type === 'date' || arg.$type === 'timestamp'))))
      throw err(2, `${formatValue(arg)} is not valid type for $currentDate. Please use a boolean ('true') or a $type expression ({$type: 'timestamp/date'}).`);
    const now = new Date();
    for (const t of targets(ctx, path, true))
      setChild(t.parent, t.key, ts ? new Timestamp({ t: Math.floor(now.getTime() / 1000), i: 1 }) : now, t.path);
  },
  $push(ctx, path, arg) {
    const mods = isPlainObject(arg) && '$each' in arg ? arg : { $each: [arg] };
    if (!Array.isArray(mods.$each)) throw err(2, `The argument to $each in $push must be an array but it was of type: ${typeName(mods.$each)}`);
    for (const t of targets(ctx, path, true)) {
      const arr = ensureArray(t, ctx, '$push');
      const items = (mods.$each as unknown[]).map(cloneDoc);
      let pos = mods.$position === undefined ? arr.length : Math.trunc(toNumber(mods.$position));
      if (pos < 0) pos = Math.max(0, arr.length + pos);
      arr.splice(Math.min(pos, arr.length), 0, ...items);
      if (mods.$sort !== undefined) {
        const sorted = isPlainObject(mods.$sort)
          ? sortDocs(arr as Document[], parseSort(mods.$sort))
          : [...arr].sort((a, b) => bsonCompare(a, b) * (toNumber(mods.$sort) < 0 ? -1 : 1));
        arr.splice(0, arr.length, ...sorted);
      }
      if (mods.$slice !== undefined) {
        const n = Math.trunc(toNumber(mods.$slice));
        const kept = n >= 0 ? arr.slice(0, n) : arr.slice(Math.max(0, arr.length + n));
        arr.splice(0, arr.length, ...kept);
      }
    }
  },
  $addToSet(ctx, path, arg) {
    const each = isPlainObject(arg) && '$each' in arg ? arg.$each : [arg];
    if (!Array.isArray(each)) throw err(2, `The argument to $each in $addToSet must be an array but it was of type ${typeName(each)}`);
    for (const t of targets(ctx, path, true)) {
      const arr = ensureArray(t, ctx, '$addToSet');
      for (const v of each) if (!arr.some((e) => bsonEquals(e, v))) arr.push(cloneDoc(v));
    }
  },
  $pop(ctx, path, arg) {
    const n = toNumber(arg);
    if (n !== 1 && n !== -1) throw err(9, `$pop expects 1 or -1, found: ${formatValue(arg)}`);
    for (const t of targets(ctx, path, false)) {
      const cur = get(t);
      if (cur === undefined) continue;
      if (!Array.isArray(cur)) throw err(14, `Path '${t.path}' contains an element of non-array type '${typeName(cur)}'`);
      if (n === 1) cur.pop();
      else cur.shift();
    }
  },
  $pull(ctx, path, arg) {
    const m = pullMatcher(arg);
    for (const t of targets(ctx, path, false)) {
      const cur = get(t);
      if (cur === undefined) continue;
      if (!Array.isArray(cur)) throw err(2, 'Cannot apply $pull to a non-array value');
      const kept = cur.filter((e) => !m(e));
      cur.splice(0, cur.length, ...kept);
    }
  },
  $pullAll(ctx, path, arg) {
    if (!Array.isArray(arg)) throw err(2, `$pullAll requires an array argument but was given a ${typeName(arg)}`);
    for (const t of targets(ctx, path, false)) {
      const cur = get(t);
      if (cur === undefined) continue;
      if (!Array.isArray(cur)) throw err(2, 'Cannot apply $pullAll to a non-array value');
      const kept = cur.filter((e) => !arg.some((x) => bsonEquals(e, x)));
      cur.splice(0, cur.length, ...kept);
    }
  },
  $bit(ctx, path, arg) {
    if (!isPlainObject(arg)) throw err(2, `The $bit modifier is not compatible with a ${typeName(arg)}. You must pass in an embedded document: {$bit: {field: {and/or/xor: #}}`);
    for (const t of targets(ctx, path, true)) {
      let cur = get(t) ?? 0;
      if (numKind(cur) !== 'int' && numKind(cur) !== 'long') throw err(14, `Cannot apply $bit to a value of non-integral type.`);
      for (const [op, v] of Object.entries(arg)) {
        const x = BigInt(toNumber(cur));
        const y = BigInt(toNumber(v));
        const r = op === 'and' ? x & y : op === 'or' ? x | y : op === 'xor' ? x ^ y : undefined;
        if (r === undefined) throw err(2, `The $bit modifier only supports 'and', 'or', and 'xor', not '${op}'`);
        cur = numKind(cur) === 'long' || numKind(v) === 'long' ? Long.fromBigInt(r) : Number(BigInt.asIntN(32, r));
      }
      setChild(t.parent, t.key, cur, t.path);
    }
  },
};

function arithmetic(ctx: OpContext, path: string, arg: unknown, op: 'add' | 'mul', name: string): void {
  if (rank(arg) !== Rank.Number) throw err(14, `Cannot ${op === 'add' ? 'increment' : 'multiply'} with non-numeric argument: {${path}: ${formatValue(arg)}}`);
  for (const t of targets(ctx, path, true)) {
    const cur = get(t);
    if (cur === undefined) {
      setChild(t.parent, t.key, op === 'add' ? arg : zeroLike(arg), t.path);
      continue;
    }
    if (rank(cur) !== Rank.Number)
      throw err(14, `Cannot apply ${name} to a value of non-numeric type. {_id: ${formatValue(ctx.root._id)}} has the field '${t.key}' of non-numeric type ${typeName(cur)}`);
    setChild(t.parent, t.key, arith(cur, arg, op), t.path);
  }
}

function minmax(ctx: OpContext, path: string, arg: unknown, dir: 1 | -1): void {
  for (const t of targets(ctx, path, true)) {
    const cur = get(t);
    if (cur === undefined || bsonCompare(arg, cur) * dir > 0) setChild(t.parent, t.key, cloneDoc(arg), t.path);
  }
}

export const UPDATE_OPERATORS = new Set([...Object.keys(OPS), '$setOnInsert']);

/** Applies operator-style `mod` to `root` in place. */
export function applyOperators(root: Document, mod: Document, filter: Document, arrayFilters: unknown, upsert: boolean): void {
  const ctx: OpContext = { filter, arrayFilters: parseArrayFilters(arrayFilters), usedFilters: new Set(), upsert, root };
  for (const spec of Object.values(mod)) {
    for (const path of Object.keys(spec as Document)) {
      for (const m of path.matchAll(/\$\[([^\]]+)\]/g)) {
        const id = m[1]!;
        if (!ctx.arrayFilters.has(id)) throw err(2, `No array filter found for identifier '${id}' in path '${path}'`);
        ctx.usedFilters.add(id);
      }
    }
  }
  for (const [op, spec] of Object.entries(mod)) {
    if (op === '$setOnInsert') {
      if (!upsert) continue;
      for (const [path, v] of Object.entries(spec as Document)) OPS.$set!(ctx, path, v);
      continue;
    }
    const fn = OPS[op]!;
    for (const [path, v] of Object.entries(spec as Document)) {
      if (path === '_id' || path.startsWith('_id.')) {
        if (op !== '$set' && op !== '$setOnInsert' && op !== '$min' && op !== '$max')
          throw err(66, `Performing an update on the path '_id' would modify the immutable field '_id'`);
      }
      fn(ctx, path, v);
    }
  }
  for (const id of ctx.arrayFilters.keys())
    if (!ctx.usedFilters.has(id)) throw err(9, `The array filter for identifier '${id}' was not used in the update ${formatDoc(mod)}`);
}

export { getPath };
