/** find, getMore, killCursors, aggregate, count, distinct. */
import { Long, type Document } from 'bson';
import { err } from '../errors.ts';
import { runPipeline, validatePipeline } from '../engine/aggregate.ts';
import { bsonCompare, valueKey } from '../engine/compare.ts';
import { pathValues } from '../engine/paths.ts';
import { makeProjector } from '../engine/projection.ts';
import type { CommandContext, Handler } from './context.ts';
import { collName, nonNegative, optDoc, optInt } from './util.ts';
import { viewOf } from './write.ts';
import { explain, explainAggregate } from './explain.ts';
import { writeOut } from './out.ts';

export function lsidKey(ctx: CommandContext): string | undefined {
  const id = ctx.cmd.lsid?.id;
  return id ? valueKey(id) : undefined;
}

export function runFind(ctx: CommandContext) {
  const { cmd } = ctx;
  const name = collName(cmd.find, 'find');
  const filter = optDoc(cmd.filter, 'find.filter') ?? {};
  const skip = nonNegative(cmd.skip, 'skip') ?? 0;
  let limit = optInt(cmd.limit, 'limit') ?? 0;
  let single = cmd.singleBatch === true;
  if (limit < 0) {
    limit = -limit;
    single = true;
  }
  const coll = ctx.server.engine.peek(ctx.dbName)?.get(name);
  return { name, filter, skip, limit, single, coll, sort: optDoc(cmd.sort, 'find.sort') };
}

const find: Handler = (ctx) => {
  const { cmd } = ctx;
  const { name, filter, skip, limit, single, coll, sort } = runFind(ctx);
  const docs = viewOf(ctx).find(coll, filter, { sort, skip, limit, hint: cmd.hint });
  const project = makeProjector(cmd.projection, filter);
  const batchSize = nonNegative(cmd.batchSize, 'batchSize');
  if (cmd.tailable === true) throw err(2, 'error processing query: tailable cursor requested on non capped collection');
  return ctx.server.cursors.open(`${ctx.dbName}.${name}`, docs, limit && (batchSize === undefined || batchSize > limit) ? limit : batchSize, project, single, lsidKey(ctx), cmd.noCursorTimeout === true);
};

const getMore: Handler = (ctx) => {
  const { cmd } = ctx;
  const raw = cmd.getMore;
  const id = typeof raw === 'number' ? raw : raw instanceof Long ? raw.toNumber() : NaN;
  if (!Number.isFinite(id)) throw err(14, "BSON field 'getMore.getMore' is the wrong type, expected type 'long'");
  const c = ctx.server.cursors.get(id);
  const ns = `${ctx.dbName}.${String(cmd.collection)}`;
  if (!c) throw err(43, `cursor id ${id} not found`);
  if (c.ns !== ns) throw err(13, `Requested getMore on namespace '${ns}', but cursor belongs to a different namespace ${c.ns}`);
  return ctx.server.cursors.more(c, optInt(cmd.batchSize, 'batchSize'));
};

const killCursors: Handler = (ctx) => {
  const ids = ctx.cmd.cursors;
  if (!Array.isArray(ids)) throw err(14, "BSON field 'killCursors.cursors' is missing");
  const cursorsKilled: Long[] = [];
  const cursorsNotFound: Long[] = [];
  for (const raw of ids) {
    const id = typeof raw === 'number' ? raw : raw instanceof Long ? raw.toNumber() : NaN;
    (ctx.server.cursors.kill(id) ? cursorsKilled : cursorsNotFound).push(Long.fromNumber(id));
  }
  return { cursorsKilled, cursorsNotFound, cursorsAlive: [], cursorsUnknown: [], ok: 1 };
};

const aggregate: Handler = (ctx) => {
  const { cmd } = ctx;
  const pipeline = validatePipeline(cmd.pipeline);
  const isDbLevel = cmd.aggregate === 1;
  const name = isDbLevel ? undefined : collName(cmd.aggregate, 'aggregate');
  if (cmd.explain === true) return explainAggregate(ctx);
  if (cmd.cursor === undefined) throw err(9, "The 'cursor' option is required, except for aggregate with the explain argument");
  const db = ctx.server.engine.db(ctx.dbName);
  const view = viewOf(ctx);
  const res = runPipeline(db, name, pipeline, cmd.let, undefined, view);
  if (res.out) {
    writeOut(ctx, res.out, res.docs);
    return ctx.server.cursors.open(`${ctx.dbName}.${name ?? '$cmd.aggregate'}`, [], 0);
  }
  const batchSize = nonNegative(cmd.cursor?.batchSize, 'cursor.batchSize');
  return ctx.server.cursors.open(`${ctx.dbName}.${name ?? '$cmd.aggregate'}`, res.docs, batchSize, undefined, false, lsidKey(ctx));
};

const count: Handler = (ctx) => {
  const { cmd } = ctx;
  const name = collName(cmd.count, 'count');
  const coll = ctx.server.engine.peek(ctx.dbName)?.get(name);
  const query = optDoc(cmd.query, 'count.query') ?? {};
  const skip = nonNegative(cmd.skip, 'skip') ?? 0;
  const limit = Math.abs(optInt(cmd.limit, 'limit') ?? 0);
  if (!ctx.txn && Object.keys(query).length === 0 && coll) {
    const total = Math.max(0, coll.docs.size - skip);
    return { n: limit ? Math.min(limit, total) : total, ok: 1 };
  }
  const docs = viewOf(ctx).find(coll, query, { skip, limit, hint: cmd.hint });
  return { n: docs.length, ok: 1 };
};

const distinct: Handler = (ctx) => {
  const { cmd } = ctx;
  const name = collName(cmd.distinct, 'distinct');
  if (typeof cmd.key !== 'string') throw err(14, "BSON field 'distinct.key' is missing or not a string");
  const coll = ctx.server.engine.peek(ctx.dbName)?.get(name);
  const docs = viewOf(ctx).find(coll, optDoc(cmd.query, 'distinct.query') ?? {});
  const seen = new Map<string, unknown>();
  for (const d of docs) for (const v of pathValues(d, cmd.key)) if (v !== undefined) seen.set(valueKey(v), v);
  const values = [...seen.values()].sort(bsonCompare);
  return { values, ok: 1 };
};

export const readCommands: Record<string, Handler> = { find, getMore, killCursors, aggregate, count, distinct, explain };
