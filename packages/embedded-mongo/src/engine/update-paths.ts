/** Update paths: dotted fields, positional `$`, `$[]` and `$[id]` (arrayFilters) resolved to targets. */
import type { Document } from 'bson';
import { err } from '../errors.ts';
import { formatValue } from './format.ts';
import { Query } from './mingo.ts';
import { isPlainObject } from './paths.ts';

export interface OpContext {
  filter: Document;
  arrayFilters: Map<string, Query>;
  usedFilters: Set<string>;
  upsert: boolean;
  root: Document;
}

export interface Target {
  parent: Document | unknown[];
  key: string;
  path: string;
}

export const typeName = (v: unknown): string => {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'double';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (v instanceof Date) return 'date';
  const t = (v as { _bsontype?: string })._bsontype;
  if (t === 'Long') return 'long';
  if (t === 'Decimal128') return 'decimal';
  if (t === 'ObjectId') return 'objectId';
  return 'object';
};

export function parseArrayFilters(filters: unknown): Map<string, Query> {
  const out = new Map<string, Query>();
  if (filters === undefined || filters === null) return out;
  if (!Array.isArray(filters)) throw err(2, 'arrayFilters must be an array');
  for (const f of filters) {
    if (!isPlainObject(f) || Object.keys(f).length === 0) throw err(2, 'Cannot use an expression without a top-level field name in arrayFilters');
    const ids = new Set(Object.keys(f).map((k) => k.split('.')[0]!));
    if (ids.size !== 1) throw err(9, 'Error parsing array filter: expected a single top-level field name');
    const id = [...ids][0]!;
    if (!/^[a-z][a-zA-Z0-9]*$/.test(id)) throw err(2, `The top-level field name must be an alphanumeric string beginning with a lowercase letter, found '${id}'`);
    if (out.has(id)) throw err(9, `Found multiple array filters with the same top-level field name ${id}`);
    out.set(id, new Query(f));
  }
  return out;
}

/** Index of the first element of the array at `prefix` matched by the query (for `$`). */
export function positionalIndex(filter: Document, prefix: string, arr: unknown[]): number {
  const conds: ((e: unknown) => boolean)[] = [];
  const visit = (f: Document): void => {
    for (const [k, c] of Object.entries(f)) {
      if (k === '$and' && Array.isArray(c)) {
        c.forEach((s) => isPlainObject(s) && visit(s));
        continue;
      }
      if (k === prefix) {
        if (isPlainObject(c) && '$elemMatch' in c) {
          const em = c.$elemMatch as Document;
          const opStyle = Object.keys(em).some((x) => x.startsWith('$') && !['$and', '$or', '$nor', '$expr'].includes(x));
          const q = new Query(opStyle ? { v: em } : em);
          conds.push((e) => q.test(opStyle ? { v: e } : (e as Document)));
        } else {
          const q = new Query({ v: c });
          conds.push((e) => q.test({ v: e }));
        }
      } else if (k.startsWith(prefix + '.')) {
        const q = new Query({ [k.slice(prefix.length + 1)]: c });
        conds.push((e) => isPlainObject(e) && q.test(e));
      }
    }
  };
  visit(filter);
  if (conds.length) for (let i = 0; i < arr.length; i++) if (conds.every((t) => t(arr[i]))) return i;
  throw err(2, 'The positional operator did not find the match needed from the query.');
}

export function child(node: unknown, key: string): unknown {
  if (Array.isArray(node)) return /^\d+$/.test(key) ? node[Number(key)] : undefined;
  return (node as Document)[key];
}

export function setChild(parent: Document | unknown[], key: string, value: unknown, path: string): void {
  if (Array.isArray(parent)) {
    if (!/^\d+$/.test(key)) throw err(28, `Cannot create field '${key}' in element {${path.split('.').slice(-2, -1)[0]}: ${formatValue(parent)}}`);
    const idx = Number(key);
    while (parent.length < idx) parent.push(null);
    parent[idx] = value;
  } else parent[key] = value;
}

/** Resolves a dotted update path (with positional parts) to the parents/keys it designates. */
export function targets(ctx: OpContext, path: string, create: boolean): Target[] {
  const parts = path.split('.');
  if (parts.some((p) => p === '')) throw err(56, `An empty update path is not valid.`);
  const out: Target[] = [];
  const rec = (node: Document | unknown[], i: number, prefix: string): void => {
    const seg = parts[i]!;
    const last = i === parts.length - 1;
    let keys: string[];
    if (seg === '$' || seg === '$[]' || /^\$\[.*\]$/.test(seg)) {
      if (!Array.isArray(node)) {
        if (!create) return;
        throw err(2, `Cannot apply array updates to non-array element ${prefix.split('.').pop()}: ${formatValue(node)}`);
      }
      if (seg === '$') keys = [String(positionalIndex(ctx.filter, prefix, node))];
      else if (seg === '$[]') keys = node.map((_, j) => String(j));
      else {
        const id = seg.slice(2, -1);
        const q = ctx.arrayFilters.get(id);
        if (!q) throw err(2, `No array filter found for identifier '${id}' in path '${path}'`);
        ctx.usedFilters.add(id);
        keys = [];
        node.forEach((e, j) => q.test({ [id]: e }) && keys.push(String(j)));
      }
    } else keys = [seg];
    for (const k of keys) {
      const p = prefix ? `${prefix}.${k}` : k;
      if (last) {
        out.push({ parent: node, key: k, path: p });
        continue;
      }
      let next = child(node, k);
      if (next === undefined || next === null) {
        if (!create) continue;
        if (next === null) throw err(28, `Cannot create field '${parts[i + 1]}' in element {${k}: null}`);
        next = {};
        setChild(node, k, next, p);
      } else if (typeof next !== 'object' || next instanceof Date || (!Array.isArray(next) && !isPlainObject(next))) {
        if (!create) continue;
        throw err(28, `Cannot create field '${parts[i + 1]}' in element {${k}: ${formatValue(next)}}`);
      }
      rec(next as Document | unknown[], i + 1, p);
    }
  };
  rec(ctx.root, 0, '');
  return out;
}

