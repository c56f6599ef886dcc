/** createIndexes, listIndexes, dropIndexes. */
import type { Document } from 'bson';
import { err } from '../errors.ts';
import type { Collection } from '../engine/collection.ts';
import type { IndexSpec } from '../engine/index-def.ts';
import { isPlainObject } from '../engine/paths.ts';
import { valueKey } from '../engine/compare.ts';
import type { Handler } from './context.ts';
import { collName } from './util.ts';

const UNSUPPORTED_TYPES = new Set(['text', '2d', '2dsphere', 'geoHaystack', 'hashed', 'columnstore']);
const ALLOWED_OPTIONS = new Set(['key', 'name', 'unique', 'sparse', 'partialFilterExpression', 'expireAfterSeconds', 'background', 'hidden', 'collation', 'v', 'ns', 'storageEngine', 'weights', 'default_language', 'language_override', 'textIndexVersion', 'wildcardProjection']);

export function defaultIndexName(key: Document): string {
  return Object.entries(key)
    .map(([k, v]) => `${k}_${String(v)}`)
    .join('_');
}

export function normalizeSpec(raw: unknown): IndexSpec {
  if (!isPlainObject(raw)) throw err(14, 'index specification must be an object');
  const key = raw.key;
  if (!isPlainObject(key) || Object.keys(key).length === 0) throw err(67, 'Index keys cannot be empty.');
  for (const [f, v] of Object.entries(key)) {
    if (typeof v === 'string' && UNSUPPORTED_TYPES.has(v))
      throw err(67, `Index type '${v}' (field '${f}') is not supported by the embedded server`);
    if (f.includes('$**')) throw err(67, `Wildcard indexes ('${f}') are not supported by the embedded server`);
    if (typeof v !== 'number' && !(v && typeof v === 'object' && '_bsontype' in v)) throw err(67, `Values in the index key pattern can't be of type ${typeof v}: ${f}`);
  }
  for (const opt of Object.keys(raw)) if (!ALLOWED_OPTIONS.has(opt)) throw err(197, `The field '${opt}' is not valid for an index specification.`);
  if (raw.collation) throw err(67, 'Index collations are not supported by the embedded server');
  if (raw.partialFilterExpression !== undefined && !isPlainObject(raw.partialFilterExpression)) throw err(67, 'partialFilterExpression must be an object');
  if (raw.expireAfterSeconds !== undefined && (typeof raw.expireAfterSeconds !== 'number' || raw.expireAfterSeconds < 0))
    throw err(67, 'expireAfterSeconds must be a non-negative number');
  if (raw.sparse && raw.partialFilterExpression) throw err(67, 'cannot mix "partialFilterExpression" and "sparse" options');
  const name = typeof raw.name === 'string' && raw.name ? raw.name : defaultIndexName(key);
  const spec: IndexSpec = { v: 2, key, name };
  for (const [k, v] of Object.entries(raw)) if (k !== 'key' && k !== 'name' && k !== 'v' && k !== 'ns' && k !== 'background') spec[k] = v;
  if (name === '_id_') {
    if (Object.keys(key).join() !== '_id') throw err(67, "The index name '_id_' is reserved for the _id index");
  }
  return spec;
}

function sameOptions(a: IndexSpec, b: IndexSpec): boolean {
  const pick = (s: IndexSpec) => valueKey([!!s.unique, !!s.sparse, s.partialFilterExpression ?? null, s.expireAfterSeconds ?? null]);
  return pick(a) === pick(b);
}

/** Creates the indexes of one createIndexes command (all or nothing per index). */
export function createIndexes(coll: Collection, specs: IndexSpec[]): number {
  let created = 0;
  for (const spec of specs) {
    const byName = coll.indexes.get(spec.name);
    const keyStr = valueKey(spec.key);
    const byKey = [...coll.indexes.values()].find((ix) => valueKey(ix.spec.key) === keyStr);
    if (byName) {
      if (valueKey(byName.spec.key) !== keyStr)
        throw err(86, `An existing index has the same name as the requested index. When index names are not specified, they are auto generated and can cause conflicts. Please refer to our documentation. Requested index: ${JSON.stringify(spec)}, existing index: ${JSON.stringify(byName.spec)}`);
      if (!sameOptions(byName.spec, spec) && spec.name !== '_id_')
        throw err(85, `An existing index has the same name as the requested index. Requested index: ${spec.name}`);
      continue;
    }
    if (byKey) {
      if (sameOptions(byKey.spec, spec)) throw err(85, `Index already exists with a different name: ${byKey.name}`);
      throw err(85, `An equivalent index already exists with a different name and options. Requested index: ${spec.name}, existing index: ${byKey.name}`);
    }
    coll.addIndex(spec);
    created++;
  }
  return created;
}

const createIndexesCmd: Handler = (ctx) => {
  const { cmd } = ctx;
  const name = collName(cmd.createIndexes, 'createIndexes');
  if (!Array.isArray(cmd.indexes) || cmd.indexes.length === 0) throw err(2, 'Must specify at least one index to create');
  const specs = cmd.indexes.map(normalizeSpec);
  const db = ctx.server.engine.db(ctx.dbName);
  const existed = db.get(name) !== undefined;
  const coll = db.ensure(name);
  const before = coll.indexes.size;
  const created = createIndexes(coll, specs);
  const reply: Document = { numIndexesBefore: before, numIndexesAfter: coll.indexes.size, createdCollectionAutomatically: !existed };
  if (created === 0) reply.note = 'all indexes already exist';
  reply.ok = 1;
  return reply;
};

const listIndexes: Handler = (ctx) => {
  const name = collName(ctx.cmd.listIndexes, 'listIndexes');
  const coll = ctx.server.engine.peek(ctx.dbName)?.get(name);
  if (!coll) throw err(26, `ns does not exist: ${ctx.dbName}.${name}`);
  const specs = [...coll.indexes.values()].map((ix) => ({ ...ix.spec }));
  return ctx.server.cursors.open(`${ctx.dbName}.${name}`, specs, ctx.cmd.cursor?.batchSize);
};

const dropIndexes: Handler = (ctx) => {
  const { cmd } = ctx;
  const name = collName(cmd.dropIndexes ?? cmd.deleteIndexes, 'dropIndexes');
  const coll = ctx.server.engine.peek(ctx.dbName)?.get(name);
  if (!coll) throw err(26, `ns not found ${ctx.dbName}.${name}`);
  const was = coll.indexes.size;
  const target = cmd.index;
  const names: string[] = [];
  if (target === '*') names.push(...[...coll.indexes.keys()].filter((n) => n !== '_id_'));
  else if (typeof target === 'string') names.push(target);
  else if (Array.isArray(target)) names.push(...target.map(String));
  else if (isPlainObject(target)) {
    const k = valueKey(target);
    const ix = [...coll.indexes.values()].find((i) => valueKey(i.spec.key) === k);
    if (!ix) throw err(27, `can't find index with key: ${JSON.stringify(target)}`);
    names.push(ix.name);
  } else throw err(14, "BSON field 'dropIndexes.index' is missing or of the wrong type");
  for (const n of names) {
    if (n === '_id_') throw err(72, 'cannot drop _id index');
    if (!coll.indexes.has(n)) throw err(27, `index not found with name [${n}]`);
  }
  for (const n of names) coll.dropIndex(n);
  return { nIndexesWas: was, ok: 1 };
};

export const indexCommands: Record<string, Handler> = {
  createIndexes: createIndexesCmd,
  listIndexes,
  dropIndexes,
  deleteIndexes: dropIndexes,
};
