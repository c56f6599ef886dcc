/** Applying update documents (operators, replacements, pipelines) to one document, copy-on-write. */
import { ObjectId, type Document } from 'bson';
import { Aggregator } from './mingo.ts';
import { applyOperators, UPDATE_OPERATORS } from './update-ops.ts';
import { err, MongoServerError, toServerError } from '../errors.ts';
import { bsonEquals, valueKey } from './compare.ts';
import { MINGO_OPTIONS } from './mingo.ts';
import { cloneDoc, isPlainObject } from './paths.ts';

const PIPELINE_STAGES = new Set(['$addFields', '$set', '$project', '$unset', '$replaceRoot', '$replaceWith']);

export type UpdateSpec = Document | Document[];

export function updateKind(u: unknown): 'pipeline' | 'operators' | 'replacement' {
  if (Array.isArray(u)) return 'pipeline';
  if (!isPlainObject(u)) throw err(9, 'Update argument must be either an object or an array');
  const keys = Object.keys(u);
  if (keys.length > 0 && keys[0]!.startsWith('$')) return 'operators';
  return 'replacement';
}

export function validateUpdate(u: UpdateSpec): void {
  const kind = updateKind(u);
  if (kind === 'operators') {
    for (const [op, v] of Object.entries(u)) {
      if (!UPDATE_OPERATORS.has(op)) {
        if (op.startsWith('$'))
          throw err(9, `Unknown modifier: ${op}. Expected a valid update modifier or pipeline-style update specified as an array`);
        throw err(9, `Unknown modifier: ${op}. Expected a valid update modifier or pipeline-style update specified as an array`);
      }
      if (!isPlainObject(v)) throw err(9, `Modifiers operate on fields but we found type ${typeof v} instead. For example: {$mod: {<field>: ...}} not {${op}: ${typeof v}}`);
    }
    const seen = new Map<string, string>();
    for (const [op, v] of Object.entries(u)) {
      for (const path of Object.keys(v as Document)) {
        for (const [p, o] of seen) {
          if (p === path || p.startsWith(path + '.') || path.startsWith(p + '.'))
            throw err(40, `Updating the path '${path}' would create a conflict at '${p}'`);
          void o;
        }
        seen.set(path, op);
      }
      if (op === '$rename') for (const to of Object.values(v as Document)) seen.set(String(to), op);
    }
  } else if (kind === 'pipeline') {
    for (const stage of u as Document[]) {
      const name = isPlainObject(stage) ? Object.keys(stage)[0] : undefined;
      if (!name || !PIPELINE_STAGES.has(name))
        throw err(72, `${String(name)} is not allowed to be used within an update`);
    }
  } else {
    for (const k of Object.keys(u)) if (k.startsWith('$')) throw err(52, `The dollar ($) prefixed field '${k}' in '${k}' is not allowed in the context of an update's replacement document.`);
  }
}

export interface ApplyOptions {
  filter?: Document;
  arrayFilters?: Document[];
  upsert?: boolean;
  variables?: Document;
}

/** Returns the updated copy of `doc` (never mutates it). */
export function applyUpdate(doc: Document, u: UpdateSpec, opts: ApplyOptions = {}): Document {
  const kind = updateKind(u);
  let next: Document;
  try {
    if (kind === 'replacement') {
      next = { _id: doc._id };
      for (const [k, v] of Object.entries(u as Document)) if (k !== '_id') next[k] = cloneDoc(v);
      if ('_id' in (u as Document) && !bsonEquals((u as Document)._id, doc._id))
        throw err(66, `After applying the update, the (immutable) field '_id' was found to have been altered to _id: ${String((u as Document)._id)}`);
      return next;
    }
    if (kind === 'pipeline') {
      const agg = new Aggregator(u as Document[], { ...MINGO_OPTIONS, variables: opts.variables });
      const res = agg.run([cloneDoc(doc)]) as Document[];
      next = res[0] ?? {};
    } else {
      next = cloneDoc(doc);
      applyOperators(next, u as Document, opts.filter ?? {}, opts.arrayFilters, opts.upsert ?? false);
    }
  } catch (e) {
    if (e instanceof MongoServerError) throw e;
    throw toServerError(e);
  }
  if (doc._id !== undefined && !bsonEquals(next._id, doc._id))
    throw err(66, `Performing an update on the path '_id' would modify the immutable field '_id'`);
  if (next._id === undefined && doc._id !== undefined) next = { _id: doc._id, ...next };
  else if (Object.keys(next)[0] !== '_id' && next._id !== undefined) {
    const { _id, ...rest } = next;
    next = { _id, ...rest };
  }
  return next;
}

export function changed(a: Document, b: Document): boolean {
  return valueKey(a) !== valueKey(b);
}

/** The document an upsert starts from: equality fields of the filter. */
export function upsertSeed(filter: Document): Document {
  const seed: Document = {};
  const visit = (f: Document): void => {
    for (const [k, v] of Object.entries(f)) {
      if (k === '$and' && Array.isArray(v)) {
        for (const sub of v) if (isPlainObject(sub)) visit(sub);
        continue;
      }
      if (k.startsWith('$')) continue;
      let value: unknown;
      if (isPlainObject(v) && Object.keys(v).some((x) => x.startsWith('$'))) {
        if ('$eq' in v) value = v.$eq;
        else if (Array.isArray(v.$in) && v.$in.length === 1) value = v.$in[0];
        else continue;
      } else value = v;
      setPath(seed, k, cloneDoc(value));
    }
  };
  visit(filter);
  return seed;
}

function setPath(doc: Document, path: string, value: unknown): void {
  const parts = path.split('.');
  let cur: Document = doc;
  for (let i = 0; i < parts.length - 1; i++) {
    const p = parts[i]!;
    if (!isPlainObject(cur[p])) cur[p] = {};
    cur = cur[p] as Document;
  }
  cur[parts[parts.length - 1]!] = value;
}

/** Builds the document inserted by an upsert. */
export function buildUpsert(filter: Document, u: UpdateSpec, opts: ApplyOptions): Document {
  const kind = updateKind(u);
  const seed = upsertSeed(filter);
  let doc: Document;
  if (kind === 'replacement') {
    doc = { ...cloneDoc(u as Document) };
    if (doc._id === undefined && seed._id !== undefined) doc._id = seed._id;
  } else {
    doc = applyUpdate(seed, u, { ...opts, upsert: true });
  }
  if (doc._id === undefined) doc = { _id: new ObjectId(), ...doc };
  else if (Object.keys(doc)[0] !== '_id') {
    const { _id, ...rest } = doc;
    doc = { _id, ...rest };
  }
  return doc;
}
