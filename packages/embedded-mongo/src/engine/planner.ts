/**
 * Query planner: picks an index for the top-level equality/range/$in predicates of a filter (or for
 * the sort), producing index-scan intervals. The full filter is always re-applied to fetched
 * documents, so bounds only have to be a superset of the matches.
 */
import type { Document } from 'bson';
import { bsonCompare, rank } from './compare.ts';
import type { Index } from './index-def.ts';
import { isPlainObject } from './paths.ts';
import type { SortSpec } from './sort.ts';
import { err } from '../errors.ts';
import { valueKey } from './compare.ts';
import { Query } from './mingo.ts';

interface Bound {
  v: unknown;
  inclusive: boolean;
}
interface FieldPred {
  eq?: unknown[]; // one value for equality, several for $in
  lo?: Bound;
  hi?: Bound;
}

export interface Interval {
  /** Equality prefix (one value per leading index field). */
  prefix: unknown[];
  lo?: Bound;
  hi?: Bound;
}

export interface Plan {
  index?: Index;
  intervals: Interval[];
  /** Direction of the scan (1 forward, -1 backward). */
  dir: 1 | -1;
  /** The scan yields documents already in the requested sort order. */
  providesSort: boolean;
  /**
   * With several intervals whose keys after the equality prefix follow the sort (an `$in` on a
   * leading field, sorted on the next ones): the index position where the sort keys start. The
   * scan then merges the intervals by those keys (mongod's SORT_MERGE) instead of a blocking sort.
   */
  mergeFrom?: number;
}

const MAX_INTERVALS = 20_000;

function isIndexableValue(v: unknown): boolean {
  if (Array.isArray(v) || v instanceof RegExp) return false;
  if (v && typeof v === 'object' && (v as { _bsontype?: string })._bsontype === 'BSONRegExp') return false;
  if (isPlainObject(v)) return !Object.keys(v).some((k) => k.startsWith('$'));
  return true;
}

/** Collects indexable predicates from the top level of a filter (and of top-level $and). */
export function extractPredicates(filter: Document, out = new Map<string, FieldPred>()): Map<string, FieldPred> {
  for (const [field, cond] of Object.entries(filter)) {
    if (field === '$and' && Array.isArray(cond)) {
      for (const sub of cond) if (isPlainObject(sub)) extractPredicates(sub, out);
      continue;
    }
    if (field.startsWith('$')) continue;
    const p: FieldPred = out.get(field) ?? {};
    if (isPlainObject(cond) && Object.keys(cond).some((k) => k.startsWith('$'))) {
      for (const [op, v] of Object.entries(cond)) {
        if (op === '$eq' && isIndexableValue(v)) p.eq = [v];
        else if (op === '$in' && Array.isArray(v) && v.every(isIndexableValue) && v.length > 0) p.eq = v;
        else if ((op === '$gt' || op === '$gte') && isIndexableValue(v) && v !== null) p.lo = { v, inclusive: op === '$gte' };
        else if ((op === '$lt' || op === '$lte') && isIndexableValue(v) && v !== null) p.hi = { v, inclusive: op === '$lte' };
      }
    } else if (isIndexableValue(cond)) p.eq = [cond];
    if (p.eq || p.lo || p.hi) out.set(field, p);
  }
  return out;
}

/** Top-level conditions of a filter, with top-level $and flattened. */
function conditions(filter: Document, out: [string, unknown][] = []): [string, unknown][] {
  for (const [k, v] of Object.entries(filter)) {
    if (k === '$and' && Array.isArray(v)) v.forEach((x) => isPlainObject(x) && conditions(x, out));
    else out.push([k, v]);
  }
  return out;
}

/**
 * Whether every document matching `filter` also matches the partial index expression: each of the
 * expression's conditions appears verbatim in the filter, or the filter pins that field to a value
 * satisfying it.
 */
export function implies(filter: Document, partial: Document): boolean {
  const have = conditions(filter);
  return conditions(partial).every(([k, cond]) => {
    const key = valueKey(cond);
    return have.some(([fk, fv]) => {
      if (fk !== k) return false;
      if (valueKey(fv) === key) return true;
      const eq = isPlainObject(fv) && Object.keys(fv).some((x) => x.startsWith('$')) ? (isPlainObject(fv) && '$eq' in fv ? fv.$eq : undefined) : fv;
      if (eq === undefined || !isIndexableValue(eq)) return false;
      return new Query({ v: cond as never }).test({ v: eq });
    });
  });
}

function usable(ix: Index, filter: Document = {}, preds?: Map<string, FieldPred>): boolean {
  if (ix.spec.hidden === true) return false;
  if (ix.partial && !implies(filter, ix.spec.partialFilterExpression as Document)) return false;
  if (ix.sparse) {
    // a sparse index lacks documents without the field: only usable when the query cannot match them
    const p = preds?.get(ix.fields[0]!);
    if (!p || (p.eq && p.eq.some((v) => v === null)) || (!p.eq && !p.lo && !p.hi)) return false;
  }
  return true;
}

function resolveHint(indexes: Iterable<Index>, hint: unknown): Index | 'natural' | undefined {
  if (hint === undefined || hint === null) return undefined;
  if (isPlainObject(hint)) {
    if ('$natural' in hint) return 'natural';
    const key = JSON.stringify(hint);
    for (const ix of indexes) if (JSON.stringify(ix.spec.key) === key) return ix;
  } else if (typeof hint === 'string') {
    for (const ix of indexes) if (ix.name === hint) return ix;
  }
  if (typeof hint === 'string' || (isPlainObject(hint) && Object.keys(hint).length)) throw err(2, 'error processing query: planner returned error :: caused by :: hint provided does not correspond to an existing index');
  return undefined;
}

export function plan(indexIter: Iterable<Index>, filter: Document, sort: SortSpec, hint?: unknown): Plan {
  const indexes = [...indexIter];
  const hinted = resolveHint(indexes, hint);
  if (hinted === 'natural') return { intervals: [], dir: 1, providesSort: sort.length === 0 };
  if (hinted) {
    const p = plan([hinted], filter, sort);
    if (p.index) return p;
    return { index: hinted, intervals: [{ prefix: [] }], dir: 1, providesSort: false };
  }
  const preds = extractPredicates(filter);
  let best: { ix: Index; score: number; intervals: Interval[]; eqCount: number } | undefined;
  for (const ix of indexes) {
    if (!usable(ix, filter, preds)) continue;
    let prefixes: unknown[][] = [[]];
    let eqCount = 0;
    let lo: Bound | undefined;
    let hi: Bound | undefined;
    let score = 0;
    for (const f of ix.fields) {
      const p = preds.get(f);
      if (!p) break;
      if (p.eq) {
        const next: unknown[][] = [];
        for (const pre of prefixes) for (const v of p.eq) next.push([...pre, v]);
        if (next.length > MAX_INTERVALS) break;
        prefixes = next;
        eqCount++;
        score += p.eq.length === 1 ? 4 : 3;
        continue;
      }
      lo = p.lo;
      hi = p.hi;
      if (ix.multikey && lo && hi) hi = undefined;
      score += 2;
      break;
    }
    if (score === 0) continue;
    // prefer the index that pins more fields; break ties on fewer fields (tighter index)
    const total = score * 100 - ix.fields.length;
    if (!best || total > best.score) {
      const intervals = prefixes.map((prefix) => ({ prefix, lo, hi }));
      best = { ix, score: total, intervals, eqCount };
    }
  }
  if (best) {
    const { providesSort, dir } = sortAfterPrefix(best.ix, best.eqCount, sort, best.intervals.length);
    if (providesSort || best.intervals.length === 1 || sort.length === 0) return { index: best.ix, intervals: best.intervals, dir, providesSort };
    // Each interval is in sort order on its own when the sort follows the equality prefix: merge them.
    const merged = sortAfterPrefix(best.ix, best.eqCount, sort, 1);
    return merged.providesSort
      ? { index: best.ix, intervals: best.intervals, dir: merged.dir, providesSort: true, mergeFrom: best.eqCount }
      : { index: best.ix, intervals: best.intervals, dir, providesSort: false };
  }
  if (sort.length) {
    for (const ix of indexes) {
      if (!usable(ix, filter, preds)) continue;
      const s = sortAfterPrefix(ix, 0, sort, 1);
      if (s.providesSort) return { index: ix, intervals: [{ prefix: [] }], dir: s.dir, providesSort: true };
    }
  }
  return { intervals: [], dir: 1, providesSort: sort.length === 0 };
}

function sortAfterPrefix(ix: Index, eqCount: number, sort: SortSpec, nIntervals: number): { providesSort: boolean; dir: 1 | -1 } {
  if (sort.length === 0) return { providesSort: true, dir: 1 };
  if (ix.multikey || nIntervals !== 1) return { providesSort: false, dir: 1 };
  let dir: 1 | -1 | 0 = 0;
  for (let i = 0; i < sort.length; i++) {
    const fi = eqCount + i;
    if (ix.fields[fi] !== sort[i]![0]) return { providesSort: false, dir: 1 };
    const d = (ix.dirs[fi]! * sort[i]![1]) as 1 | -1;
    if (dir === 0) dir = d;
    else if (dir !== d) return { providesSort: false, dir: 1 };
  }
  return { providesSort: true, dir: dir || 1 };
}

/** Compares one index entry key against an interval: <0 before it, 0 inside, >0 after it. */
function position(ix: Index, k: unknown[], iv: Interval): number {
  const n = iv.prefix.length;
  for (let i = 0; i < n; i++) {
    const c = bsonCompare(k[i], iv.prefix[i]) * ix.dirs[i]!;
    if (c) return c;
  }
  if (n >= ix.fields.length) return 0;
  const d = ix.dirs[n]!;
  return valuePosition(k[n], iv.lo, iv.hi) * d;
}

/** -1 if `v` is below the range (in value order), 1 above, 0 inside; ranges are type-bracketed. */
function valuePosition(v: unknown, lo: Bound | undefined, hi: Bound | undefined): number {
  const rv = rank(v);
  if (lo) {
    const rl = rank(lo.v);
    if (rv < rl) return -1;
    if (rv === rl) {
      const c = bsonCompare(v, lo.v);
      if (c < 0 || (c === 0 && !lo.inclusive)) return -1;
    } else if (!hi) return 1;
  }
  if (hi) {
    const rh = rank(hi.v);
    if (rv > rh) return 1;
    if (rv === rh) {
      const c = bsonCompare(v, hi.v);
      if (c > 0 || (c === 0 && !hi.inclusive)) return 1;
    } else if (!lo) return -1;
  }
  return 0;
}

export interface ScanStats {
  keysExamined: number;
}

interface Entry {
  k: unknown[];
  d: Document;
}

/** The index entries of one interval, in scan direction. */
function* intervalEntries(ix: Index, iv: Interval, dir: 1 | -1, stats: ScanStats): Generator<Entry> {
  const list = ix.entries;
  if (dir === 1) {
    const pos = list.seek((e) => position(ix, e.k, iv) < 0);
    for (let e = list.at(pos); e; e = list.next(pos) ? list.at(pos) : undefined) {
      stats.keysExamined++;
      if (position(ix, e.k, iv) > 0) break;
      yield e;
    }
  } else {
    const pos = list.seek((e) => position(ix, e.k, iv) <= 0);
    if (!list.prev(pos)) return;
    for (let e = list.at(pos); e; e = list.prev(pos) ? list.at(pos) : undefined) {
      stats.keysExamined++;
      if (position(ix, e.k, iv) < 0) break;
      yield e;
    }
  }
}

/** The intervals' entries merged by the keys from `from` on, in scan direction (each interval is sorted on them). */
function* mergeEntries(ix: Index, intervals: Interval[], dir: 1 | -1, from: number, stats: ScanStats): Generator<Entry> {
  const sources = intervals.map((iv) => intervalEntries(ix, iv, dir, stats));
  const heads = sources.map((source) => source.next());
  const before = (a: unknown[], b: unknown[]) => {
    for (let i = from; i < ix.fields.length; i++) {
      const c = bsonCompare(a[i], b[i]) * ix.dirs[i]! * dir;
      if (c) return c < 0;
    }
    return false;
  };
  for (;;) {
    let pick = -1;
    for (let i = 0; i < heads.length; i++) {
      const head = heads[i]!;
      if (head.done) continue;
      if (pick === -1 || before(head.value.k, (heads[pick] as IteratorYieldResult<Entry>).value.k)) pick = i;
    }
    if (pick === -1) return;
    yield (heads[pick] as IteratorYieldResult<Entry>).value;
    heads[pick] = sources[pick]!.next();
  }
}

/** Yields the documents of the index intervals in scan order (merged when the plan says so), each document once. */
export function* scan(p: Plan, stats: ScanStats): Generator<Document> {
  const ix = p.index!;
  const seen = ix.multikey || p.intervals.length > 1 ? new Set<Document>() : undefined;
  const intervals = p.dir === 1 ? p.intervals : [...p.intervals].reverse();
  if (intervals.length > 1) intervals.sort((a, b) => comparePrefix(ix, a.prefix, b.prefix) * p.dir);
  const entries =
    p.mergeFrom !== undefined && intervals.length > 1
      ? mergeEntries(ix, intervals, p.dir, p.mergeFrom, stats)
      : (function* () {
          for (const iv of intervals) yield* intervalEntries(ix, iv, p.dir, stats);
        })();
  for (const e of entries) {
    if (seen) {
      if (seen.has(e.d)) continue;
      seen.add(e.d);
    }
    yield e.d;
  }
}

function comparePrefix(ix: Index, a: unknown[], b: unknown[]): number {
  for (let i = 0; i < a.length; i++) {
    const c = bsonCompare(a[i], b[i]) * ix.dirs[i]!;
    if (c) return c;
  }
  return 0;
}
