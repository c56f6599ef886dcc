/** Sorting documents by a sort specification with MongoDB's cross-type order. */
import type { Document } from 'bson';
import { err } from '../errors.ts';
import { bsonCompare } from './compare.ts';
import { pathValues } from './paths.ts';

export type SortSpec = [field: string, dir: 1 | -1][];

export function parseSort(sort: unknown): SortSpec {
  if (sort === undefined || sort === null) return [];
  if (typeof sort !== 'object' || Array.isArray(sort)) throw err(2, 'Expected field sort to be of type object');
  const out: SortSpec = [];
  for (const [f, d] of Object.entries(sort as Document)) {
    if (f === '$natural') continue;
    if (d && typeof d === 'object' && '$meta' in d) throw err(2, `$meta sort is not supported by the embedded server`);
    const n = typeof d === 'number' ? d : Number(d);
    if (n !== 1 && n !== -1) throw err(15974, `Illegal key in $sort specification: ${f}: ${String(d)}`);
    out.push([f, n]);
  }
  return out;
}

/** Sort key of one field: for arrays the smallest element ascending, the largest descending. */
function sortKey(doc: Document, field: string, dir: 1 | -1): unknown {
  const vs = pathValues(doc, field);
  if (vs.length === 1) return vs[0];
  let best = vs[0];
  for (let i = 1; i < vs.length; i++) {
    const c = bsonCompare(vs[i], best);
    if (dir === 1 ? c < 0 : c > 0) best = vs[i];
  }
  return best;
}

export function sortDocs(docs: Document[], spec: SortSpec): Document[] {
  if (spec.length === 0) return docs;
  if (spec.length === 1) {
    const [f, dir] = spec[0]!;
    const keyed = docs.map((d) => ({ d, k: sortKey(d, f, dir) }));
    keyed.sort((a, b) => bsonCompare(a.k, b.k) * dir);
    return keyed.map((x) => x.d);
  }
  const keyed = docs.map((d) => ({ d, k: spec.map(([f, dir]) => sortKey(d, f, dir)) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < spec.length; i++) {
      const c = bsonCompare(a.k[i], b.k[i]);
      if (c) return c * spec[i]![1];
    }
    return 0;
  });
  return keyed.map((x) => x.d);
}
