/** Query execution: plan, scan, filter, sort, skip, limit; with explain statistics. */
import type { Document } from 'bson';
import { Query } from './mingo.ts';
import { toServerError } from '../errors.ts';
import type { Collection } from './collection.ts';
import { MINGO_OPTIONS } from './mingo.ts';
import { plan, scan, type Plan, type ScanStats } from './planner.ts';
import { parseSort, sortDocs } from './sort.ts';
import { isPlainObject } from './paths.ts';

export interface FindOptions {
  sort?: unknown;
  skip?: number;
  limit?: number;
  hint?: unknown;
}

export interface ExecStats {
  plan: Plan;
  keysExamined: number;
  docsExamined: number;
  nReturned: number;
}

export function compileFilter(filter: Document | undefined): Query | undefined {
  if (!filter || Object.keys(filter).length === 0) return undefined;
  try {
    return new Query(filter, MINGO_OPTIONS);
  } catch (e) {
    throw toServerError(e);
  }
}

/** Fast path: `{ _id: <scalar> }` answered by the primary-key map. */
function idLookup(coll: Collection, filter: Document): Document[] | undefined {
  const keys = Object.keys(filter);
  if (keys.length !== 1 || keys[0] !== '_id') return undefined;
  const v = filter._id;
  if (v === null || Array.isArray(v) || v instanceof RegExp) return undefined;
  if (isPlainObject(v)) {
    const ks = Object.keys(v);
    if (ks.length === 1 && ks[0] === '$eq') return idLookup(coll, { _id: v.$eq });
    if (ks.some((k) => k.startsWith('$'))) return undefined;
  }
  const d = coll.get(v);
  return d ? [d] : [];
}

export function findDocs(coll: Collection | undefined, filter: Document = {}, opts: FindOptions = {}, stats?: ExecStats): Document[] {
  const sort = parseSort(opts.sort);
  const skip = opts.skip ?? 0;
  const limit = opts.limit && opts.limit > 0 ? opts.limit : Infinity;
  if (!coll) {
    if (stats) Object.assign(stats, { plan: { intervals: [], dir: 1, providesSort: true }, keysExamined: 0, docsExamined: 0, nReturned: 0 });
    return [];
  }
  const query = compileFilter(filter);
  const p = plan(coll.indexes.values(), filter, sort, opts.hint);
  const st: ScanStats = { keysExamined: 0 };
  let docsExamined = 0;
  let source: Iterable<Document>;
  const direct = opts.hint === undefined ? idLookup(coll, filter) : undefined;
  if (direct) {
    p.index = coll.idIndex;
    p.intervals = [{ prefix: [filter._id] }];
    p.providesSort = true;
    st.keysExamined = direct.length;
    source = direct;
  } else source = p.index ? scan(p, st) : coll.docs.values();
  const out: Document[] = [];
  // with the order given by the scan we can stop as soon as skip+limit matched
  const stopAt = p.providesSort ? skip + limit : Infinity;
  for (const d of source) {
    docsExamined++;
    if (query && !safeTest(query, d)) continue;
    out.push(d);
    if (out.length >= stopAt) break;
  }
  let res = p.providesSort ? out : sortDocs(out, sort);
  if (skip || limit !== Infinity) res = res.slice(skip, skip + limit);
  if (stats) Object.assign(stats, { plan: p, keysExamined: st.keysExamined, docsExamined, nReturned: res.length });
  return res;
}

export function safeTest(q: Query, d: Document): boolean {
  try {
    return q.test(d);
  } catch (e) {
    throw toServerError(e);
  }
}
