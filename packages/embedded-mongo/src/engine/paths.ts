/** Dotted-path helpers and copy-on-write cloning for stored documents. */
import type { Document } from 'bson';

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null);

export { isPlainObject };

/**
 * All values a dotted path reaches, descending through arrays (MongoDB's "multikey" semantics).
 * A terminal array contributes its elements (an empty array contributes `undefined`); a missing path
 * contributes `undefined` once.
 */
export function pathValues(doc: unknown, path: string): unknown[] {
  const out: unknown[] = [];
  collect(doc, path.split('.'), 0, out);
  if (out.length === 0) out.push(undefined);
  return out;
}

function collect(v: unknown, parts: string[], i: number, out: unknown[]): void {
  if (i === parts.length) {
    if (Array.isArray(v)) {
      if (v.length === 0) out.push(undefined);
      else for (const e of v) out.push(e);
    } else out.push(v);
    return;
  }
  if (v === null || typeof v !== 'object') return;
  const key = parts[i]!;
  if (Array.isArray(v)) {
    if (/^\d+$/.test(key)) {
      collect(v[Number(key)], parts, i + 1, out);
      return;
    }
    for (const e of v) if (e !== null && typeof e === 'object' && !Array.isArray(e)) collect(e, parts, i, out);
    return;
  }
  const next = (v as Record<string, unknown>)[key];
  if (next === undefined && !(key in (v as object))) return;
  collect(next, parts, i + 1, out);
}

/** Plain dotted get without array expansion beyond numeric indexes. */
export function getPath(doc: unknown, path: string): unknown {
  let v: unknown = doc;
  for (const part of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

/** Deep copy of the mutable parts of a document (objects, arrays, dates); BSON value objects are shared. */
export function cloneDoc<T>(v: T): T {
  if (Array.isArray(v)) return v.map(cloneDoc) as T;
  if (v instanceof Date) return new Date(v.getTime()) as T;
  if (isPlainObject(v)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) out[k] = cloneDoc(v[k]);
    return out as T;
  }
  return v;
}

export function hasDollarKeys(doc: Document): boolean {
  for (const k of Object.keys(doc)) if (k.startsWith('$')) return true;
  return false;
}
