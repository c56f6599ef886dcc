/** Database and collection management: listDatabases, dropDatabase, create, drop, listCollections, renameCollection, collMod, dbStats. */
import { BSON, type Document } from 'bson';
import { Query } from '../engine/mingo.ts';
import { err } from '../errors.ts';
import { MINGO_OPTIONS } from '../engine/mingo.ts';
import { isPlainObject } from '../engine/paths.ts';
import { valueKey } from '../engine/compare.ts';
import type { Handler } from './context.ts';
import { collName } from './util.ts';
import type { Collection } from '../engine/collection.ts';
import { checkValidatorSpec } from '../engine/validator.ts';

function approxSize(c: Collection): number {
  // sampled estimate: exact sizes would serialize every document
  let n = 0;
  let bytes = 0;
  for (const d of c.docs.values()) {
    bytes += BSON.calculateObjectSize(d);
    if (++n >= 100) break;
  }
  return n ? Math.round((bytes / n) * c.docs.size) : 0;
}

const listDatabases: Handler = (ctx) => {
  const { cmd } = ctx;
  const filter = isPlainObject(cmd.filter) ? new Query(cmd.filter, MINGO_OPTIONS) : undefined;
  const databases: Document[] = [];
  let totalSize = 0;
  for (const db of ctx.server.engine.dbs.values()) {
    if (db.collections.size === 0) continue;
    let size = 0;
    if (!cmd.nameOnly) for (const c of db.collections.values()) size += approxSize(c);
    const entry: Document = cmd.nameOnly ? { name: db.name } : { name: db.name, sizeOnDisk: size, empty: size === 0 };
    if (filter && !filter.test(entry)) continue;
    totalSize += size;
    databases.push(entry);
  }
  return cmd.nameOnly ? { databases, ok: 1 } : { databases, totalSize, totalSizeMb: Math.round(totalSize / 1048576), ok: 1 };
};

const dropDatabase: Handler = (ctx) => {
  ctx.server.engine.dropDatabase(ctx.dbName);
  return { dropped: ctx.dbName, ok: 1 };
};

const create: Handler = (ctx) => {
  const { cmd } = ctx;
  const name = collName(cmd.create, 'create');
  if (cmd.viewOn !== undefined) throw err(115, 'Views are not supported by the embedded server');
  if (cmd.timeseries !== undefined) throw err(115, 'Time-series collections are not supported by the embedded server');
  if (cmd.capped === true) throw err(115, 'Capped collections are not supported by the embedded server');
  const options: Document = {};
  for (const [k, v] of Object.entries(cmd)) if (!['create', '$db', 'lsid', '$clusterTime', 'writeConcern', 'txnNumber', 'autocommit', 'startTransaction', '$readPreference', 'apiVersion', 'apiStrict', 'apiDeprecationErrors'].includes(k)) options[k] = v;
  checkValidatorSpec(options.validator);
  const db = ctx.server.engine.db(ctx.dbName);
  if (db.get(name)) {
    const existing = db.get(name)!;
    if (valueKey(existing.options) === valueKey(options)) throw err(48, `Collection ${ctx.dbName}.${name} already exists.`);
    throw err(48, `Collection ${ctx.dbName}.${name} already exists with different options`);
  }
  db.create(name, options);
  return { ok: 1 };
};

const drop: Handler = (ctx) => {
  const name = collName(ctx.cmd.drop, 'drop');
  const db = ctx.server.engine.peek(ctx.dbName);
  const coll = db?.get(name);
  if (!coll) return { ok: 1 };
  const n = coll.indexes.size;
  db!.drop(name);
  return { nIndexesWas: n, ns: `${ctx.dbName}.${name}`, ok: 1 };
};

const listCollections: Handler = (ctx) => {
  const { cmd } = ctx;
  const db = ctx.server.engine.peek(ctx.dbName);
  const filter = isPlainObject(cmd.filter) && Object.keys(cmd.filter).length ? new Query(cmd.filter, MINGO_OPTIONS) : undefined;
  const out: Document[] = [];
  for (const c of db?.collections.values() ?? []) {
    const entry: Document = cmd.nameOnly
      ? { name: c.name, type: 'collection' }
      : { name: c.name, type: 'collection', options: c.options, info: { readOnly: false, uuid: c.uuid }, idIndex: { v: 2, key: { _id: 1 }, name: '_id_' } };
    if (filter && !filter.test(entry)) continue;
    out.push(entry);
  }
  return ctx.server.cursors.open(`${ctx.dbName}.$cmd.listCollections`, out, cmd.cursor?.batchSize);
};

function splitNs(ns: unknown): [string, string] {
  if (typeof ns !== 'string' || !ns.includes('.')) throw err(73, `Invalid namespace specified '${String(ns)}'`);
  const i = ns.indexOf('.');
  return [ns.slice(0, i), ns.slice(i + 1)];
}

const renameCollection: Handler = (ctx) => {
  const { cmd } = ctx;
  const [fromDb, from] = splitNs(cmd.renameCollection);
  const [toDb, to] = splitNs(cmd.to);
  const engine = ctx.server.engine;
  const src = engine.peek(fromDb)?.get(from);
  if (!src) throw err(26, 'source namespace does not exist');
  const dst = engine.peek(toDb)?.get(to);
  if (dst) {
    if (cmd.dropTarget !== true) throw err(48, 'target namespace exists');
    engine.db(toDb).drop(to);
  }
  if (fromDb === toDb) {
    engine.db(fromDb).rename(from, to);
    return { ok: 1 };
  }
  // across databases: copy documents and indexes, then drop the source
  const target = engine.db(toDb).create(to, src.options);
  for (const ix of src.indexes.values()) if (!ix.isId) target.addIndex({ ...ix.spec });
  for (const d of src.docs.values()) target.insert(d);
  engine.db(fromDb).drop(from);
  return { ok: 1 };
};

const collMod: Handler = (ctx) => {
  const { cmd } = ctx;
  const name = collName(cmd.collMod, 'collMod');
  const coll = ctx.server.engine.peek(ctx.dbName)?.get(name);
  if (!coll) throw err(26, `ns does not exist: ${ctx.dbName}.${name}`);
  const reply: Document = {};
  if (isPlainObject(cmd.index)) {
    const spec = cmd.index;
    const ix = typeof spec.name === 'string' ? coll.indexes.get(spec.name) : [...coll.indexes.values()].find((i) => valueKey(i.spec.key) === valueKey(spec.keyPattern));
    if (!ix) throw err(27, `cannot find index ${JSON.stringify(spec.name ?? spec.keyPattern)} for ns ${coll.ns}`);
    const updated = { ...ix.spec };
    if (spec.expireAfterSeconds !== undefined) {
      reply.expireAfterSeconds_old = ix.spec.expireAfterSeconds;
      reply.expireAfterSeconds_new = spec.expireAfterSeconds;
      updated.expireAfterSeconds = spec.expireAfterSeconds;
    }
    if (spec.hidden !== undefined) {
      reply.hidden_old = !!ix.spec.hidden;
      reply.hidden_new = !!spec.hidden;
      updated.hidden = spec.hidden;
    }
    if (spec.unique === true && !ix.unique) {
      updated.unique = true;
      reply.unique_new = true;
    }
    coll.dropIndex(ix.name);
    try {
      coll.addIndex(updated);
    } catch (e) {
      coll.addIndex(ix.spec);
      throw e;
    }
  }
  if ('validator' in cmd) checkValidatorSpec(cmd.validator);
  for (const k of ['validator', 'validationLevel', 'validationAction']) if (k in cmd) coll.options = { ...coll.options, [k]: cmd[k] };
  if (['validator', 'validationLevel', 'validationAction'].some((k) => k in cmd))
    ctx.server.engine.emit({ op: 'co', ns: coll.ns, options: coll.options } as never);
  reply.ok = 1;
  return reply;
};

const dbStats: Handler = (ctx) => {
  const db = ctx.server.engine.peek(ctx.dbName);
  let objects = 0;
  let indexes = 0;
  let dataSize = 0;
  for (const c of db?.collections.values() ?? []) {
    objects += c.docs.size;
    indexes += c.indexes.size;
    dataSize += approxSize(c);
  }
  return { db: ctx.dbName, collections: db?.collections.size ?? 0, views: 0, objects, avgObjSize: objects ? dataSize / objects : 0, dataSize, storageSize: dataSize, indexes, indexSize: 0, totalSize: dataSize, scaleFactor: 1, ok: 1 };
};

/** Flushes the journal (data is already durable once acknowledged; this just waits for it). */
const fsync: Handler = async (ctx) => {
  await ctx.server.sync();
  return { numFiles: 1, ok: 1 };
};

export const adminCommands: Record<string, Handler> = {
  fsync,
  listDatabases,
  dropDatabase,
  create,
  drop,
  listCollections,
  renameCollection,
  collMod,
  dbStats,
};
