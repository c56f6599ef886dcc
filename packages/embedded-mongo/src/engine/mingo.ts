/**
 * mingo configured for BSON fidelity: a private operator context in which the comparison query
 * operators, $type, $mod and the comparison expressions use MongoDB's rules (Int32, Long, Double
 * and Decimal128 compare as numbers; type bracketing; null matches missing).
 */
import { Aggregator as AggregatorBase } from 'mingo/aggregator';
import { Context, evalExpr, ProcessingMode } from 'mingo/core';
import * as accumulatorOperators from 'mingo/operators/accumulator';
import * as expressionOperators from 'mingo/operators/expression';
import * as pipelineOperators from 'mingo/operators/pipeline';
import * as projectionOperators from 'mingo/operators/projection';
import * as queryOperators from 'mingo/operators/query';
import * as windowOperators from 'mingo/operators/window';
import { Query as QueryBase } from 'mingo/query';
import { Lazy, type Iterator as LazyIterator } from 'mingo/lazy';
import { parseSort, sortDocs } from './sort.ts';
import type { Options } from 'mingo/types';
import { err } from '../errors.ts';
import { bsonCompare, rank, Rank, toNumber, valueKey } from './compare.ts';
import { isPlainObject } from './paths.ts';
import { numbersForMingo } from './numbers.ts';
import { jsRegexes, rejectScripts } from './mingo-input.ts';

export { jsRegexes, rejectScripts };

type Pred = (cands: unknown[], arg: unknown) => boolean;

/** Values a dotted path reaches: terminal arrays contribute themselves and their elements. */
export function matchValues(obj: unknown, path: string): unknown[] {
  const out: unknown[] = [];
  walk(obj, path.split('.'), 0, out);
  if (out.length === 0) out.push(undefined);
  return out;
}

function walk(v: unknown, parts: string[], i: number, out: unknown[]): void {
  if (i === parts.length) {
    out.push(v);
    if (Array.isArray(v)) for (const e of v) out.push(e);
    return;
  }
  if (v === null || typeof v !== 'object') return;
  const key = parts[i]!;
  if (Array.isArray(v)) {
    if (/^\d+$/.test(key)) walk(v[Number(key)], parts, i + 1, out);
    for (const e of v) if (e !== null && typeof e === 'object' && !Array.isArray(e)) walk(e, parts, i, out);
    return;
  }
  const next = (v as Record<string, unknown>)[key];
  if (next === undefined) {
    if (i < parts.length) out.push(undefined);
    return;
  }
  walk(next, parts, i + 1, out);
}

const isNil = (v: unknown): boolean => v === null || v === undefined;
const isRegex = (v: unknown): v is RegExp => v instanceof RegExp;

function eq(cands: unknown[], b: unknown): boolean {
  if (b === null) return cands.some(isNil);
  const rb = rank(b);
  for (const v of cands) if (rank(v) === rb && bsonCompare(v, b) === 0) return true;
  return false;
}

function cmp(test: (c: number) => boolean, nullMatches: boolean): Pred {
  return (cands, b) => {
    if (b === null) return nullMatches && cands.some(isNil);
    const rb = rank(b);
    if (rb === Rank.MinKey) return test(1);
    if (rb === Rank.MaxKey) return test(-1);
    for (const v of cands) {
      if (Array.isArray(v) && rb !== Rank.Array) continue;
      if (rank(v) === rb && test(bsonCompare(v, b))) return true;
    }
    return false;
  };
}

/** Compiles an $in list: a hash set of value keys plus the regexes (null also matches missing). */
function inMatcher(list: unknown): (cands: unknown[]) => boolean {
  if (!Array.isArray(list)) throw err(2, '$in needs an array');
  const keys = new Set<string>();
  const regexes: RegExp[] = [];
  let nullToo = false;
  for (const x of list) {
    if (isRegex(x)) regexes.push(x);
    else if (x === null) nullToo = true;
    else if (isPlainObject(x) && Object.keys(x).some((k) => k.startsWith('$'))) throw err(2, 'cannot nest $ under $in');
    else keys.add(valueKey(x));
  }
  return (cands) => {
    for (const v of cands) {
      if (v === null || v === undefined) {
        if (nullToo) return true;
        continue;
      }
      if (keys.size && keys.has(valueKey(v))) return true;
      if (regexes.length && typeof v === 'string' && regexes.some((r) => r.test(v))) return true;
    }
    return false;
  };
}

const TYPE_CODES: Record<string, number> = {
  double: 1, string: 2, object: 3, array: 4, binData: 5, undefined: 6, objectId: 7, bool: 8, date: 9, null: 10,
  regex: 11, dbPointer: 12, javascript: 13, symbol: 14, javascriptWithScope: 15, int: 16, timestamp: 17, long: 18,
  decimal: 19, minKey: -1, maxKey: 127,
};

export function bsonTypeCode(v: unknown): number | undefined {
  switch (typeof v) {
    case 'undefined':
      return undefined;
    case 'number':
      return Number.isInteger(v) && v >= -2147483648 && v <= 2147483647 ? 16 : 1;
    case 'string':
      return 2;
    case 'boolean':
      return 8;
    case 'bigint':
      return 18;
  }
  if (v === null) return 10;
  if (Array.isArray(v)) return 4;
  if (v instanceof Date) return 9;
  if (v instanceof RegExp) return 11;
  if (v instanceof Uint8Array) return 5;
  switch ((v as { _bsontype?: string })._bsontype) {
    case 'ObjectId': return 7;
    case 'Long': return 18;
    case 'Int32': return 16;
    case 'Double': return 1;
    case 'Decimal128': return 19;
    case 'Binary': return 5;
    case 'Timestamp': return 17;
    case 'BSONRegExp': return 11;
    case 'BSONSymbol': return 14;
    case 'Code': return 13;
    case 'MinKey': return -1;
    case 'MaxKey': return 127;
    case 'DBRef': return 3;
  }
  return 3;
}

function typeMatches(cands: unknown[], spec: unknown): boolean {
  const specs = Array.isArray(spec) ? spec : [spec];
  const codes = new Set<number>();
  let numberAlias = false;
  for (const s of specs) {
    if (s === 'number') numberAlias = true;
    else if (typeof s === 'string') {
      const c = TYPE_CODES[s];
      if (c === undefined) throw err(2, `Unknown type name alias: ${s}`);
      codes.add(c);
    } else if (rank(s) === Rank.Number) codes.add(toNumber(s));
    else throw err(14, 'type must be represented as a number or a string');
  }
  return cands.some((v) => {
    const c = bsonTypeCode(v);
    if (c === undefined) return false;
    return codes.has(c) || (numberAlias && rank(v) === Rank.Number);
  });
}

function modMatches(cands: unknown[], arg: unknown): boolean {
  if (!Array.isArray(arg) || arg.length < 2) throw err(2, 'malformed mod, not enough elements');
  if (arg.length > 2) throw err(2, 'malformed mod, too many elements');
  const d = Math.trunc(toNumber(arg[0]));
  const r = Math.trunc(toNumber(arg[1]));
  if (!Number.isFinite(d) || !Number.isFinite(r)) throw err(2, 'malformed mod, divisor and remainder must be numbers');
  if (d === 0) throw err(2, 'divisor cannot be 0');
  return cands.some((v) => !Array.isArray(v) && rank(v) === Rank.Number && Math.trunc(toNumber(v)) % d === r);
}

const queryOp = (pred: Pred) => (selector: string, value: unknown) => (obj: unknown) => pred(matchValues(obj, selector), value);

type QueryOp = (selector: string, value: unknown, options: unknown) => (obj: unknown) => boolean;
function sizeOp(selector: string, value: unknown, options: unknown): (obj: unknown) => boolean {
  if (rank(value) !== Rank.Number) throw err(2, '$size needs a number');
  const n = toNumber(value);
  if (n < 0) throw err(2, '$size may not be negative');
  if (!Number.isInteger(n)) return () => false;
  return (queryOperators as unknown as Record<string, QueryOp>).$size!(selector, n, options);
}

const QUERY_OVERRIDES = {
  /** Numeric path components address array positions and fields of embedded documents alike. */
  $exists: (selector: string, value: unknown) => {
    const want = !!(typeof value === 'object' && value !== null ? toNumber(value) : value);
    return (obj: unknown) => matchValues(obj, selector).some((v) => v !== undefined) === want;
  },
  $size: sizeOp,
  /** $expr evaluates aggregation expressions: present Long/Decimal128 as numbers to them. */
  $expr: (selector: string, value: unknown, options: unknown) => {
    const base = (queryOperators as unknown as Record<string, QueryOp>).$expr!(selector, value, options);
    return (obj: unknown) => base(numbersForMingo(obj));
  },
  $eq: queryOp(eq),
  $ne: queryOp((c, b) => !eq(c, b)),
  $gt: queryOp(cmp((c) => c > 0, false)),
  $gte: queryOp(cmp((c) => c >= 0, true)),
  $lt: queryOp(cmp((c) => c < 0, false)),
  $lte: queryOp(cmp((c) => c <= 0, true)),
  $in: (selector: string, value: unknown) => {
    const m = inMatcher(value);
    return (obj: unknown) => m(matchValues(obj, selector));
  },
  $nin: (selector: string, value: unknown) => {
    const m = inMatcher(value);
    return (obj: unknown) => !m(matchValues(obj, selector));
  },
  $type: queryOp(typeMatches),
  $mod: queryOp(modMatches),
};

const exprCmp = (test: (c: number) => boolean) => (obj: unknown, expr: unknown, options: unknown) => {
  if (!Array.isArray(expr) || expr.length !== 2) throw err(16020, 'Expression takes exactly 2 arguments.');
  const [a, b] = evalExpr(obj as never, expr as never, options as never) as unknown[];
  return test(bsonCompare(a ?? null, b ?? null));
};

const EXPRESSION_OVERRIDES = {
  $eq: exprCmp((c) => c === 0),
  $ne: exprCmp((c) => c !== 0),
  $gt: exprCmp((c) => c > 0),
  $gte: exprCmp((c) => c >= 0),
  $lt: exprCmp((c) => c < 0),
  $lte: exprCmp((c) => c <= 0),
  $cmp: (obj: unknown, expr: unknown, options: unknown) => {
    const [a, b] = evalExpr(obj as never, expr as never, options as never) as unknown[];
    return Math.sign(bsonCompare(a ?? null, b ?? null));
  },
};

/** $sort with MongoDB's cross-type order (mingo's differs for ObjectId, Long, Decimal128...). */
const idFirst = (d: unknown): unknown => {
  if (!isPlainObject(d) || !('_id' in d) || Object.keys(d)[0] === '_id') return d;
  const { _id, ...rest } = d;
  return { _id, ...rest };
};

const PIPELINE_OVERRIDES = {
  /** mingo appends _id after the projected fields; mongod keeps it first. */
  $project: (coll: LazyIterator, spec: unknown, options: unknown) =>
    (pipelineOperators.$project as (c: LazyIterator, s: unknown, o: unknown) => LazyIterator)(coll, spec, options).map(idFirst),
  $sort: (coll: LazyIterator, spec: unknown) => {
    const s = parseSort(spec);
    if (s.length === 0) throw err(15976, '$sort stage must have at least one sort key');
    return coll.transform((docs: unknown[]) => Lazy(sortDocs(docs as Record<string, unknown>[], s)));
  },
};

type Acc = (coll: unknown[], expr: Record<string, unknown>, options: unknown) => unknown[];
const ACCUMULATOR_OVERRIDES = {
  /** mingo returns a one-element array for $top/$bottom; mongod returns the element. */
  $top: (coll: unknown[], expr: Record<string, unknown>, options: unknown) =>
    ((accumulatorOperators as unknown as Record<string, Acc>).$topN!(coll, { ...expr, n: 1 }, options)[0] ?? null),
  $bottom: (coll: unknown[], expr: Record<string, unknown>, options: unknown) =>
    ((accumulatorOperators as unknown as Record<string, Acc>).$bottomN!(coll, { ...expr, n: 1 }, options)[0] ?? null),
};

export const ACCUMULATOR_NAMES = new Set(Object.keys(accumulatorOperators));

const CONTEXT = Context.init({
  accumulator: { ...(accumulatorOperators as object), ...ACCUMULATOR_OVERRIDES } as never,
  expression: { ...(expressionOperators as object), ...EXPRESSION_OVERRIDES } as never,
  pipeline: { ...(pipelineOperators as object), ...PIPELINE_OVERRIDES } as never,
  projection: projectionOperators as never,
  query: { ...(queryOperators as object), ...QUERY_OVERRIDES } as never,
  window: windowOperators as never,
});

export const MINGO_OPTIONS: Partial<Options> = {
  idKey: '_id',
  useStrictMode: true,
  // mingo's $setWindowFields compiles to $function internally; user-supplied server-side JavaScript
  // ($where, $function, $accumulator) is refused before mingo sees it (see rejectScripts)
  scriptEnabled: true,
  processingMode: ProcessingMode.CLONE_OFF,
  context: CONTEXT,
};

export class Query extends QueryBase {
  constructor(condition: Record<string, unknown>, options: Partial<Options> = MINGO_OPTIONS) {
    rejectScripts(condition);
    super(jsRegexes(condition), { ...MINGO_OPTIONS, ...options });
  }
}

export class Aggregator extends AggregatorBase {
  constructor(pipeline: Record<string, unknown>[], options: Partial<Options> = MINGO_OPTIONS) {
    rejectScripts(pipeline);
    super(jsRegexes(pipeline), { ...MINGO_OPTIONS, ...options });
  }
}

export { isPlainObject };

