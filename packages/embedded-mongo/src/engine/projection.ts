/**
 * find/findAndModify projections with mongod's rules: inclusion or exclusion, dotted paths through
 * arrays, computed fields, $slice, $elemMatch and the positional `$` operator.
 */
import type { Document } from 'bson';
import { evalExpr } from 'mingo/core';
import { err, toServerError } from '../errors.ts';
import { toNumber } from './compare.ts';
import { MINGO_OPTIONS, Query, rejectScripts } from './mingo.ts';
import { isPlainObject } from './paths.ts';
import { numbersForMingo } from './numbers.ts';
import { positionalIndex } from './update-ops.ts';

type Spec =
  | { kind: 'include' }
  | { kind: 'exclude' }
  | { kind: 'slice'; skip?: number; limit: number }
  | { kind: 'elemMatch'; q: Query; opStyle: boolean }
  | { kind: 'positional' }
  | { kind: 'expr'; expr: unknown };

const isFlag = (v: unknown): boolean => typeof v === 'boolean' || (typeof v === 'number') || (v !== null && typeof v === 'object' && ['Int32', 'Long', 'Double'].includes((v as { _bsontype?: string })._bsontype ?? ''));

function parse(projection: Document): { fields: [string, Spec][]; inclusion: boolean; idExcluded: boolean; idIncluded: boolean } {
  const fields: [string, Spec][] = [];
  let inclusion: boolean | undefined;
  let idExcluded = false;
  let idIncluded = false;
  for (const [path, v] of Object.entries(projection)) {
    let spec: Spec;
    if (path.endsWith('.$')) spec = { kind: 'positional' };
    else if (isFlag(v)) spec = toNumber(v as never) || v === true ? { kind: 'include' } : { kind: 'exclude' };
    else if (isPlainObject(v) && '$slice' in v) {
      const s = v.$slice;
      if (Array.isArray(s)) spec = { kind: 'slice', skip: toNumber(s[0]), limit: toNumber(s[1]) };
      else spec = { kind: 'slice', limit: toNumber(s) };
    } else if (isPlainObject(v) && '$elemMatch' in v) {
      const em = v.$elemMatch as Document;
      const opStyle = Object.keys(em).some((k) => k.startsWith('$') && !['$and', '$or', '$nor', '$expr'].includes(k));
      spec = { kind: 'elemMatch', q: new Query(opStyle ? { v: em } : em), opStyle };
    } else spec = { kind: 'expr', expr: v };
    if (path === '_id' && (spec.kind === 'include' || spec.kind === 'exclude')) {
      if (spec.kind === 'exclude') idExcluded = true;
      else idIncluded = true;
      continue;
    }
    if (spec.kind === 'include' || spec.kind === 'expr' || spec.kind === 'positional') {
      if (inclusion === false) throw err(31253, `Cannot do inclusion on field ${path} in exclusion projection`);
      inclusion = true;
    } else if (spec.kind === 'exclude') {
      if (inclusion === true) throw err(31254, `Cannot do exclusion on field ${path} in inclusion projection`);
      inclusion = false;
    }
    fields.push([path, spec]);
  }
  if (inclusion === undefined && fields.some(([, s]) => s.kind === 'elemMatch')) inclusion = true;
  return { fields, inclusion: inclusion ?? (idIncluded && !fields.length ? true : false), idExcluded, idIncluded };
}

function copyPath(src: unknown, dst: Document, parts: string[], i: number): void {
  if (!isPlainObject(src)) return;
  const k = parts[i]!;
  if (!(k in src)) return;
  const v = src[k];
  if (i === parts.length - 1) {
    dst[k] = v;
    return;
  }
  if (Array.isArray(v)) {
    const arr = (Array.isArray(dst[k]) ? dst[k] : v.map((e) => (isPlainObject(e) ? {} : undefined))) as unknown[];
    v.forEach((e, j) => {
      if (isPlainObject(e)) copyPath(e, (arr[j] ??= {}) as Document, parts, i + 1);
    });
    dst[k] = arr.filter((e) => e !== undefined);
  } else if (isPlainObject(v)) {
    const sub = (isPlainObject(dst[k]) ? dst[k] : {}) as Document;
    copyPath(v, sub, parts, i + 1);
    dst[k] = sub;
  }
}

function removePath(doc: unknown, parts: string[], i: number): void {
  if (Array.isArray(doc)) {
    for (const e of doc) removePath(e, parts, i);
    return;
  }
  if (!isPlainObject(doc)) return;
  if (i === parts.length - 1) {
    delete doc[parts[i]!];
    return;
  }
  const next = doc[parts[i]!];
  if (next !== null && typeof next === 'object') doc[parts[i]!] = Array.isArray(next) ? next.map(shallow) : shallow(next);
  removePath(doc[parts[i]!], parts, i + 1);
}

const shallow = (v: unknown): unknown => (Array.isArray(v) ? [...v] : isPlainObject(v) ? { ...v } : v);

function setTop(dst: Document, parts: string[], value: unknown): void {
  let cur = dst;
  for (let i = 0; i < parts.length - 1; i++) {
    const p = parts[i]!;
    cur[p] = isPlainObject(cur[p]) ? { ...(cur[p] as Document) } : {};
    cur = cur[p] as Document;
  }
  cur[parts[parts.length - 1]!] = value;
}

function getTop(doc: unknown, parts: string[]): unknown {
  let cur = doc;
  for (const p of parts) {
    if (!isPlainObject(cur)) return undefined;
    cur = cur[p];
  }
  return cur;
}

function sliceArray(arr: unknown[], s: { skip?: number; limit: number }): unknown[] {
  if (s.skip === undefined) return s.limit >= 0 ? arr.slice(0, s.limit) : arr.slice(Math.max(0, arr.length + s.limit));
  const start = s.skip >= 0 ? s.skip : Math.max(0, arr.length + s.skip);
  return arr.slice(start, start + s.limit);
}

export function makeProjector(projection: unknown, filter: Document | undefined): ((docs: Document[]) => Document[]) | undefined {
  if (projection === undefined || projection === null) return undefined;
  if (!isPlainObject(projection)) throw err(2, 'projection must be an object');
  if (Object.keys(projection).length === 0) return undefined;
  rejectScripts(projection);
  const { fields, inclusion, idExcluded } = parse(projection);
  const project = (doc: Document): Document => {
    let out: Document;
    if (inclusion) {
      out = {};
      if (!idExcluded && '_id' in doc) out._id = doc._id;
      for (const [path, spec] of fields) {
        if (spec.kind === 'include') copyPath(doc, out, path.split('.'), 0);
        else if (spec.kind === 'expr') setTop(out, path.split('.'), evalExpr(numbersForMingo(doc), spec.expr as never, MINGO_OPTIONS as never));
      }
    } else {
      out = { ...doc };
      if (idExcluded) delete out._id;
      for (const [path, spec] of fields) if (spec.kind === 'exclude') removePath(out, path.split('.'), 0);
    }
    for (const [path, spec] of fields) {
      const parts = path.split('.');
      if (spec.kind === 'slice') {
        const v = getTop(doc, parts);
        if (Array.isArray(v)) setTop(out, parts, sliceArray(v, spec));
        else if (v !== undefined && inclusion) setTop(out, parts, v);
      } else if (spec.kind === 'elemMatch') {
        const v = getTop(doc, parts);
        const hit = Array.isArray(v) ? v.find((e) => spec.q.test((spec.opStyle ? { v: e } : e) as Document)) : undefined;
        if (hit !== undefined) setTop(out, parts, [hit]);
        else if (!inclusion) removePath(out, parts, 0);
      } else if (spec.kind === 'positional') {
        const arrPath = parts.slice(0, -1);
        const v = getTop(doc, arrPath);
        if (Array.isArray(v)) {
          const i = positionalIndex(filter ?? {}, arrPath.join('.'), v);
          setTop(out, arrPath, [v[i]]);
        }
      }
    }
    return out;
  };
  return (docs) => {
    try {
      return docs.map(project);
    } catch (e) {
      throw toServerError(e);
    }
  };
}
