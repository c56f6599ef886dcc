/** A secondary (or _id) index: key extraction, uniqueness, ordered entries. */
import type { Document } from 'bson';
import { Query } from './mingo.ts';
import { bsonCompare, rank, Rank, toNumber, valueKey } from './compare.ts';
import { pathValues } from './paths.ts';
import { SortedList } from './sorted-list.ts';
import { err } from '../errors.ts';


export interface IndexEntry {
  k: unknown[];
  id: unknown;
  d: Document;
}

/** The options persisted and echoed by listIndexes. */
export type IndexSpec = Document & { v: number; key: Document; name: string };

export class Index {
  readonly spec: IndexSpec;
  readonly name: string;
  readonly fields: string[];
  readonly dirs: number[];
  readonly unique: boolean;
  readonly sparse: boolean;
  readonly partial: Query | undefined;
  readonly entries: SortedList<IndexEntry>;
  multikey = false;

  constructor(spec: IndexSpec) {
    this.spec = spec;
    this.name = spec.name;
    this.fields = Object.keys(spec.key);
    this.dirs = this.fields.map((f) => {
      const d = spec.key[f];
      if (typeof d === 'number' || rank(d) === Rank.Number) return toNumber(d) < 0 ? -1 : 1;
      throw err(67, `Index type '${String(d)}' is not supported by the embedded server (index ${spec.name})`);
    });
    this.unique = spec.unique === true || this.name === '_id_';
    this.sparse = spec.sparse === true;
    this.partial = spec.partialFilterExpression ? new Query(spec.partialFilterExpression as Document) : undefined;
    const dirs = this.dirs;
    this.entries = new SortedList<IndexEntry>((a, b) => {
      for (let i = 0; i < dirs.length; i++) {
        const c = bsonCompare(a.k[i], b.k[i]);
        if (c) return c * dirs[i]!;
      }
      return bsonCompare(a.id, b.id);
    });
  }

  get isId(): boolean {
    return this.name === '_id_';
  }

  get ttlSeconds(): number | undefined {
    const v = this.spec.expireAfterSeconds;
    return typeof v === 'number' ? v : undefined;
  }

  /** Whether the document belongs in this index at all (sparse / partial filters). */
  covers(doc: Document): boolean {
    if (this.partial && !this.partial.test(doc)) return false;
    if (this.sparse) {
      let any = false;
      for (const f of this.fields) {
        const vs = pathValues(doc, f);
        if (vs.length > 1 || vs[0] !== undefined) any = true;
      }
      if (!any) return false;
    }
    return true;
  }

  /** Every key tuple the document produces (cartesian product over multikey fields). */
  keys(doc: Document): unknown[][] {
    if (this.fields.length === 1 && !this.fields[0]!.includes('.')) {
      const v = doc[this.fields[0]!];
      if (!Array.isArray(v)) return [[v === undefined ? null : v]];
    }
    let tuples: unknown[][] = [[]];
    let arrayField: string | undefined;
    for (const f of this.fields) {
      const vs = pathValues(doc, f);
      if (vs.length > 1 || isArrayValued(doc, f)) {
        if (arrayField !== undefined) throw err(171, `cannot index parallel arrays [${f}] [${arrayField}]`);
        arrayField = f;
      }
      if (vs.length > 1) this.multikey = true;
      const uniq = vs.length > 1 ? dedupe(vs) : vs;
      const next: unknown[][] = [];
      for (const t of tuples) for (const v of uniq) next.push([...t, v === undefined ? null : v]);
      tuples = next;
    }
    return tuples;
  }

  add(doc: Document): void {
    if (!this.covers(doc)) return;
    for (const k of this.keys(doc)) this.entries.insert({ k, id: doc._id, d: doc });
  }

  remove(doc: Document): void {
    if (!this.covers(doc)) return;
    for (const k of this.keys(doc)) this.entries.remove({ k, id: doc._id, d: doc });
  }

  /** First key of `doc` already held by a different document, if this index is unique. */
  conflict(doc: Document): unknown[] | undefined {
    if (!this.unique || !this.covers(doc)) return undefined;
    const dirs = this.dirs;
    for (const k of this.keys(doc)) {
      const pos = this.entries.seek((e) => {
        for (let i = 0; i < dirs.length; i++) {
          const c = bsonCompare(e.k[i], k[i]);
          if (c) return c * dirs[i]! < 0;
        }
        return false;
      });
      for (let e = this.entries.at(pos); e; e = this.entries.next(pos) ? this.entries.at(pos) : undefined) {
        if (!keyEquals(e.k, k)) break;
        if (bsonCompare(e.id, doc._id) !== 0) return k;
      }
    }
    return undefined;
  }

  keyValue(k: unknown[]): Document {
    const out: Document = {};
    this.fields.forEach((f, i) => (out[f] = k[i]));
    return out;
  }
}

function keyEquals(a: unknown[], b: unknown[]): boolean {
  for (let i = 0; i < a.length; i++) if (bsonCompare(a[i], b[i]) !== 0) return false;
  return true;
}

function dedupe(vs: unknown[]): unknown[] {
  const seen = new Set<string>();
  const out: unknown[] = [];
  for (const v of vs) {
    const k = valueKey(v);
    if (!seen.has(k)) {
      seen.add(k);
      out.push(v);
    }
  }
  return out;
}

/** Whether the path reaches an array (the index on it is multikey for this document). */
function isArrayValued(doc: Document, path: string): boolean {
  let v: unknown = doc;
  for (const part of path.split('.')) {
    if (Array.isArray(v)) return true;
    if (v === null || typeof v !== 'object') return false;
    v = (v as Document)[part];
  }
  return Array.isArray(v);
}
