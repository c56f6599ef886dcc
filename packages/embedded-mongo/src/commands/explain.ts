/** explain for find, aggregate, count, distinct, update/delete (queryPlanner + executionStats). */
import type { Document } from 'bson';
import { err } from '../errors.ts';
import { runPipeline, validatePipeline } from '../engine/aggregate.ts';
import type { ExecStats } from '../engine/query.ts';
import { parseSort } from '../engine/sort.ts';
import { VERSION } from './hello.ts';
import type { CommandContext, Handler } from './context.ts';
import { collName, nonNegative, optDoc, optInt } from './util.ts';
import { viewOf } from './write.ts';

function emptyStats(): ExecStats {
  return { plan: { intervals: [], dir: 1, providesSort: true }, keysExamined: 0, docsExamined: 0, nReturned: 0 };
}

function planTree(stats: ExecStats, filter: Document, opts: { sort?: unknown; skip?: number; limit?: number }): Document {
  const p = stats.plan;
  let node: Document;
  if (p.index) {
    const ix = p.index;
    const ixscan: Document = {
      stage: 'IXSCAN',
      keyPattern: ix.spec.key,
      indexName: ix.name,
      isMultiKey: ix.multikey,
      isUnique: ix.unique,
      isSparse: ix.sparse,
      isPartial: !!ix.partial,
      direction: p.dir === 1 ? 'forward' : 'backward',
      indexBounds: boundsOf(stats),
    };
    node = {
      stage: 'FETCH',
      ...(Object.keys(filter).length ? { filter } : {}),
      // mongod merges the sorted intervals of an $in with SORT_MERGE instead of a blocking SORT.
      inputStage: p.mergeFrom === undefined ? ixscan : { stage: 'SORT_MERGE', sortPattern: opts.sort, inputStages: [ixscan] },
    };
  } else node = { stage: 'COLLSCAN', ...(Object.keys(filter).length ? { filter } : {}), direction: 'forward' };
  const sort = parseSort(opts.sort);
  if (sort.length && !p.providesSort) node = { stage: 'SORT', sortPattern: opts.sort, ...(opts.limit ? { limitAmount: opts.limit } : {}), inputStage: node };
  if (opts.skip) node = { stage: 'SKIP', skipAmount: opts.skip, inputStage: node };
  if (opts.limit && (p.providesSort || !sort.length)) node = { stage: 'LIMIT', limitAmount: opts.limit, inputStage: node };
  return node;
}

function boundsOf(stats: ExecStats): Document {
  const p = stats.plan;
  const ix = p.index!;
  const out: Document = {};
  ix.fields.forEach((f, i) => {
    out[f] = p.intervals.map((iv) => {
      if (i < iv.prefix.length) return `[${String(iv.prefix[i])}, ${String(iv.prefix[i])}]`;
      if (i === iv.prefix.length && (iv.lo || iv.hi))
        return `${iv.lo?.inclusive ? '[' : '('}${iv.lo ? String(iv.lo.v) : 'MinKey'}, ${iv.hi ? String(iv.hi.v) : 'MaxKey'}${iv.hi?.inclusive ? ']' : ')'}`;
      return '[MinKey, MaxKey]';
    });
  });
  return out;
}

function report(ctx: CommandContext, ns: string, filter: Document, stats: ExecStats, tree: Document, verbosity: string, command: Document): Document {
  const reply: Document = {
    explainVersion: '1',
    queryPlanner: { namespace: ns, indexFilterSet: false, parsedQuery: filter, planCacheShapeHash: '0', maxIndexedOrSolutionsReached: false, winningPlan: tree, rejectedPlans: [] },
  };
  if (verbosity !== 'queryPlanner') {
    reply.executionStats = {
      executionSuccess: true,
      nReturned: stats.nReturned,
      executionTimeMillis: 0,
      totalKeysExamined: stats.keysExamined,
      totalDocsExamined: stats.docsExamined,
      executionStages: { ...tree, nReturned: stats.nReturned, docsExamined: stats.docsExamined },
    };
  }
  reply.command = command;
  reply.serverInfo = { host: ctx.server.host, port: ctx.server.port, version: VERSION, gitVersion: 'embedded' };
  reply.ok = 1;
  return reply;
}

export const explain: Handler = (ctx) => {
  const inner = optDoc(ctx.cmd.explain, 'explain');
  if (!inner) throw err(9, 'explain command requires a nested object');
  const verbosity = typeof ctx.cmd.verbosity === 'string' ? ctx.cmd.verbosity : 'allPlansExecution';
  if (!['queryPlanner', 'executionStats', 'allPlansExecution'].includes(verbosity)) throw err(2, `verbosity string must be one of {'queryPlanner', 'executionStats', 'allPlansExecution'}`);
  const name = Object.keys(inner)[0];
  const db = ctx.server.engine.peek(ctx.dbName);
  const view = viewOf(ctx);
  const stats = emptyStats();
  switch (name) {
    case 'find': {
      const coll = collName(inner.find, 'find');
      const filter = optDoc(inner.filter, 'filter') ?? {};
      let limit = optInt(inner.limit, 'limit') ?? 0;
      if (limit < 0) limit = -limit;
      const opts = { sort: inner.sort, skip: nonNegative(inner.skip, 'skip') ?? 0, limit, hint: inner.hint };
      view.find(db?.get(coll), filter, opts, stats);
      return report(ctx, `${ctx.dbName}.${coll}`, filter, stats, planTree(stats, filter, opts), verbosity, inner);
    }
    case 'count': {
      const coll = collName(inner.count, 'count');
      const filter = optDoc(inner.query, 'query') ?? {};
      view.find(db?.get(coll), filter, { hint: inner.hint }, stats);
      return report(ctx, `${ctx.dbName}.${coll}`, filter, stats, { stage: 'COUNT', inputStage: planTree(stats, filter, {}) }, verbosity, inner);
    }
    case 'distinct': {
      const coll = collName(inner.distinct, 'distinct');
      const filter = optDoc(inner.query, 'query') ?? {};
      view.find(db?.get(coll), filter, {}, stats);
      return report(ctx, `${ctx.dbName}.${coll}`, filter, stats, planTree(stats, filter, {}), verbosity, inner);
    }
    case 'aggregate': {
      const coll = inner.aggregate === 1 ? undefined : collName(inner.aggregate, 'aggregate');
      const pipeline = validatePipeline(inner.pipeline);
      const first = pipeline[0];
      const filter = first && '$match' in first ? (first.$match as Document) : {};
      const res = runPipeline(ctx.server.engine.db(ctx.dbName), coll, pipeline, inner.let, stats, view);
      stats.nReturned = res.docs.length;
      const r = report(ctx, `${ctx.dbName}.${coll ?? '$cmd.aggregate'}`, filter, stats, planTree(stats, filter, {}), verbosity, inner);
      r.stages = [{ $cursor: { queryPlanner: r.queryPlanner, executionStats: r.executionStats } }, ...pipeline.slice(first && '$match' in first ? 1 : 0)];
      return r;
    }
    case 'update':
    case 'delete':
    case 'findAndModify': {
      const coll = collName(inner[name], name);
      const q = name === 'findAndModify' ? optDoc(inner.query, 'query') ?? {} : (optDoc(inner[name === 'update' ? 'updates' : 'deletes']?.[0]?.q, 'q') ?? {});
      view.find(db?.get(coll), q, {}, stats);
      return report(ctx, `${ctx.dbName}.${coll}`, q, stats, { stage: name.toUpperCase(), inputStage: planTree(stats, q, {}) }, verbosity, inner);
    }
    default:
      throw err(59, `Explain failed due to unknown command: ${String(name)}`);
  }
};

/** `aggregate` with `explain: true` (legacy form). */
export function explainAggregate(ctx: CommandContext): Document {
  const inner: Document = { ...ctx.cmd };
  delete inner.explain;
  return explain({ ...ctx, cmd: { explain: inner, verbosity: 'queryPlanner' } }) as Document;
}
