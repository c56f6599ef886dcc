/** insert, update, delete, findAndModify. */
import { BSON, type Document } from 'bson';
import { err, toServerError, type MongoServerError } from '../errors.ts';
import { Collection } from '../engine/collection.ts';
import { makeProjector } from '../engine/projection.ts';
import { isPlainObject } from '../engine/paths.ts';
import { applyUpdate, buildUpsert, changed, updateKind, validateUpdate } from '../engine/update.ts';
import { committed, type DataView } from '../engine/view.ts';
import { valueKey } from '../engine/compare.ts';
import { validateDoc } from '../engine/validator.ts';
import { MAX_BSON_OBJECT_SIZE } from '../wire/limits.ts';
import type { CommandContext, Handler } from './context.ts';
import { collName, optDoc } from './util.ts';

const warnValidation = (m: string): void => void process.stderr.write(`[embedded-mongo] warn ${m}\n`);

/** The data view of a command: its transaction's or the committed one, enforcing validators. */
export function viewOf(ctx: CommandContext): DataView {
  const base = ctx.txn?.view ?? committed;
  if (ctx.cmd.bypassDocumentValidation === true) return base;
  return {
    find: base.find,
    remove: base.remove,
    insert: (coll, doc) => {
      validateDoc(coll, doc, undefined, warnValidation);
      base.insert(coll, doc);
    },
    replace: (coll, old, next) => {
      validateDoc(coll, next, old, warnValidation);
      base.replace(coll, old, next);
    },
  };
}

const MAX_DEPTH = 180;

/** mongod refuses to store documents nested deeper than 180 levels. */
export function checkDepth(v: unknown, depth = 0): void {
  if (depth > MAX_DEPTH) throw err(15, `Document exceeds maximum nesting depth of ${MAX_DEPTH}`);
  if (Array.isArray(v)) for (const e of v) checkDepth(e, depth + 1);
  else if (isPlainObject(v)) for (const k in v) checkDepth(v[k], depth + 1);
}

export function validateNewDoc(doc: unknown): Document {
  if (!isPlainObject(doc)) throw err(2, 'document to insert must be an object');
  checkDepth(doc);
  // MongoDB >= 5.0 stores $-prefixed and dotted field names as given, except inside _id
  const id = doc._id;
  if (isPlainObject(id)) {
    for (const k of Object.keys(id)) if (k.startsWith('$')) throw err(52, `_id fields may not contain '$'-prefixed fields: ${k} is not valid for storage.`);
  }
  return doc;
}

function checkSize(doc: Document, big: boolean): void {
  if (!big) return;
  const size = BSON.calculateObjectSize(doc);
  if (size > MAX_BSON_OBJECT_SIZE) throw err(2, `object to insert too large. size in bytes: ${size}, max size: ${MAX_BSON_OBJECT_SIZE}`);
}

/** Longest a plain write waits for a transaction holding its document (mongod: the transaction lifetime). */
const LOCK_WAIT_MS = 60_000;

/**
 * Outside transactions, a write to a document held by an open transaction waits until that
 * transaction ends (as in mongod). Returns true if it had to wait (the caller re-reads).
 */
async function waitIfLocked(ctx: CommandContext, ns: string, ids: unknown[]): Promise<boolean> {
  if (ctx.txn) return false;
  const versions = ctx.server.engine.versions;
  if (!versions.hasOpen) return false;
  if (!ids.some((id) => versions.lockedByOther(ns, valueKey(id), undefined))) return false;
  const deadline = Date.now() + LOCK_WAIT_MS;
  while (ids.some((id) => versions.lockedByOther(ns, valueKey(id), undefined))) {
    const left = deadline - Date.now();
    if (left <= 0) throw err(50, 'operation exceeded time limit while waiting for a transaction to end');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([versions.nextRelease(), new Promise((r) => (timer = setTimeout(r, Math.min(left, 1000))))]);
    clearTimeout(timer);
  }
  return true;
}

/** Runs statements in order; ordered batches stop at the first error. */
async function runBatch<T>(items: T[], ordered: boolean, fn: (item: T, i: number) => void | Promise<void>): Promise<Document[]> {
  const errors: Document[] = [];
  for (let i = 0; i < items.length; i++) {
    try {
      const r = fn(items[i]!, i);
      if (r) await r;
    } catch (e) {
      const se: MongoServerError = toServerError(e);
      if (se.code === 112 || se.code === 251) throw se; // transaction errors abort the whole command
      errors.push(se.toWriteError(i));
      if (ordered) break;
    }
  }
  return errors;
}

const insert: Handler = async (ctx) => {
  const { cmd } = ctx;
  const name = collName(cmd.insert, 'insert');
  const docs = cmd.documents;
  if (!Array.isArray(docs)) throw err(14, "BSON field 'insert.documents' is missing or not an array");
  const big = ctx.messageSize > MAX_BSON_OBJECT_SIZE;
  const coll = ctx.server.engine.db(ctx.dbName).ensure(name);
  const view = viewOf(ctx);
  let n = 0;
  const versions = ctx.server.engine.versions;
  const writeErrors = await runBatch(docs, cmd.ordered !== false, (raw) => {
    const d = Collection.prepareInsert(validateNewDoc(raw));
    checkSize(d, big);
    if (versions.hasOpen && !ctx.txn)
      return waitIfLocked(ctx, coll.ns, [d._id]).then(() => {
        view.insert(coll, d);
        n++;
      });
    view.insert(coll, d);
    n++;
  });
  return writeErrors.length ? { n, writeErrors, ok: 1 } : { n, ok: 1 };
};

const update: Handler = async (ctx) => {
  const { cmd } = ctx;
  const name = collName(cmd.update, 'update');
  const stmts = cmd.updates;
  if (!Array.isArray(stmts)) throw err(14, "BSON field 'update.updates' is missing or not an array");
  const db = ctx.server.engine.db(ctx.dbName);
  const view = viewOf(ctx);
  let n = 0;
  let nModified = 0;
  const upserted: Document[] = [];
  const writeErrors = await runBatch(stmts, cmd.ordered !== false, async (s: Document, index) => {
    if (!isPlainObject(s)) throw err(14, 'update statement must be an object');
    const q = optDoc(s.q, 'update.updates.q') ?? {};
    const u = s.u as Document | Document[];
    validateUpdate(u);
    const multi = s.multi === true;
    if (multi && updateKind(u) === 'replacement') throw err(9, 'multi update is not supported for replacement-style update');
    const arrayFilters = s.arrayFilters as Document[] | undefined;
    for (;;) {
      let coll = db.get(name);
      let matches = view.find(coll, q, { limit: multi ? 0 : 1, sort: s.sort });
      while (coll && (await waitIfLocked(ctx, coll.ns, matches.map((d) => d._id)))) {
        coll = db.get(name);
        matches = view.find(coll, q, { limit: multi ? 0 : 1, sort: s.sort });
      }
      if (matches.length === 0) {
        if (s.upsert === true) {
          const doc = buildUpsert(q, u, { arrayFilters, variables: cmd.let });
          validateNewDoc(doc);
          // a transaction may hold (have inserted) this _id: wait for it, then look again
          if (await waitIfLocked(ctx, `${ctx.dbName}.${name}`, [doc._id])) continue;
          view.insert(db.ensure(name), doc);
          n++;
          upserted.push({ index, _id: doc._id });
        }
        return;
      }
      for (const doc of matches) {
        const next = applyUpdate(doc, u, { filter: q, arrayFilters, variables: cmd.let });
        checkDepth(next);
        n++;
        if (changed(doc, next)) {
          view.replace(coll!, doc, next);
          nModified++;
        }
      }
      return;
    }
  });
  const reply: Document = { n, nModified };
  if (upserted.length) reply.upserted = upserted;
  if (writeErrors.length) reply.writeErrors = writeErrors;
  reply.ok = 1;
  return reply;
};

const del: Handler = async (ctx) => {
  const { cmd } = ctx;
  const name = collName(cmd.delete, 'delete');
  const stmts = cmd.deletes;
  if (!Array.isArray(stmts)) throw err(14, "BSON field 'delete.deletes' is missing or not an array");
  const view = viewOf(ctx);
  let n = 0;
  const writeErrors = await runBatch(stmts, cmd.ordered !== false, async (s: Document) => {
    let coll = ctx.server.engine.peek(ctx.dbName)?.get(name);
    if (!isPlainObject(s)) throw err(14, 'delete statement must be an object');
    const q = optDoc(s.q, 'delete.deletes.q') ?? {};
    const limit = Number(s.limit ?? 0);
    if (limit !== 0 && limit !== 1) throw err(9, `The limit field in delete objects must be 0 or 1. Got ${limit}`);
    let matches = view.find(coll, q, { limit });
    while (coll && (await waitIfLocked(ctx, coll.ns, matches.map((d) => d._id)))) {
      coll = ctx.server.engine.peek(ctx.dbName)?.get(name);
      matches = view.find(coll, q, { limit });
    }
    for (const d of matches) {
      view.remove(coll!, d);
      n++;
    }
  });
  return writeErrors.length ? { n, writeErrors, ok: 1 } : { n, ok: 1 };
};

const findAndModify: Handler = async (ctx) => {
  const { cmd } = ctx;
  const name = collName(cmd.findAndModify ?? cmd.findandmodify, 'findAndModify');
  const db = ctx.server.engine.db(ctx.dbName);
  const view = viewOf(ctx);
  const q = optDoc(cmd.query, 'query') ?? {};
  const remove = cmd.remove === true;
  const u = cmd.update as Document | Document[] | undefined;
  if (remove && u !== undefined) throw err(9, 'Cannot specify both an update and remove=true');
  if (!remove && u === undefined) throw err(9, 'Either an update or remove=true must be specified');
  if (remove && cmd.upsert) throw err(9, 'Cannot specify both upsert=true and remove=true');
  if (u !== undefined) validateUpdate(u);
  const project = makeProjector(cmd.fields, q);
  const out = (d: Document | null): Document | null => (d && project ? project([d])[0] ?? null : d);
  let coll = db.get(name);
  let [doc] = view.find(coll, q, { sort: cmd.sort, limit: 1 });
  while (coll && doc && (await waitIfLocked(ctx, coll.ns, [doc._id]))) {
    coll = db.get(name);
    [doc] = view.find(coll, q, { sort: cmd.sort, limit: 1 });
  }
  if (remove) {
    if (!doc) return { lastErrorObject: { n: 0 }, value: null, ok: 1 };
    view.remove(coll!, doc);
    return { lastErrorObject: { n: 1 }, value: out(doc), ok: 1 };
  }
  const arrayFilters = cmd.arrayFilters as Document[] | undefined;
  if (!doc) {
    if (cmd.upsert !== true) return { lastErrorObject: { n: 0, updatedExisting: false }, value: null, ok: 1 };
    const created = buildUpsert(q, u!, { arrayFilters, variables: cmd.let });
    validateNewDoc(created);
    view.insert(db.ensure(name), created);
    return { lastErrorObject: { n: 1, updatedExisting: false, upserted: created._id }, value: cmd.new === true ? out(created) : null, ok: 1 };
  }
  const next = applyUpdate(doc, u!, { filter: q, arrayFilters, variables: cmd.let });
  checkDepth(next);
  if (changed(doc, next)) view.replace(coll!, doc, next);
  return { lastErrorObject: { n: 1, updatedExisting: true }, value: out(cmd.new === true ? next : doc), ok: 1 };
};

export const writeCommands: Record<string, Handler> = {
  insert,
  update,
  delete: del,
  findAndModify,
  findandmodify: findAndModify,
};
