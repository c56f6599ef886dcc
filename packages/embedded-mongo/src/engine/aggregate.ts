/** Aggregation: index-assisted leading $match/$sort/$skip/$limit, then mingo for the rest. */
import type { Document } from 'bson';
import { ACCUMULATOR_NAMES, Aggregator } from './mingo.ts';
import { err, toServerError } from '../errors.ts';
import type { Database } from './database.ts';
import { MINGO_OPTIONS } from './mingo.ts';
import { cloneDoc, isPlainObject } from './paths.ts';
import { numbersForMingo } from './numbers.ts';
import type { ExecStats } from './query.ts';
import { committed, type DataView } from './view.ts';

/** Stages mingo implements that we expose. Anything else is rejected by name. */
const STAGES = new Set([
  '$addFields', '$bucket', '$bucketAuto', '$count', '$densify', '$documents', '$facet', '$fill', '$graphLookup',
  '$group', '$limit', '$lookup', '$match', '$project', '$redact', '$replaceRoot', '$replaceWith', '$sample', '$set',
  '$setWindowFields', '$skip', '$sort', '$sortByCount', '$unionWith', '$unset', '$unwind', '$out', '$merge',
]);
/** mongod stages that need server internals the embedded server does not have. */
const SERVER_ONLY = new Set(['$changeStream', '$collStats', '$indexStats', '$currentOp', '$listSessions', '$listLocalSessions', '$planCacheStats', '$search', '$searchMeta', '$vectorSearch', '$geoNear', '$listSearchIndexes', '$shardedDataDistribution', '$changeStreamSplitLargeEvent', '$listSampledQueries', '$queryStats']);
/** Stages that never modify their input documents in place. */
const NON_MUTATING = new Set(['$match', '$sort', '$limit', '$skip', '$count', '$group', '$sortByCount', '$project', '$bucket', '$bucketAuto', '$sample']);

export function stageName(stage: unknown): string {
  if (!isPlainObject(stage)) throw err(14, 'Each element of the \'pipeline\' array must be an object');
  const keys = Object.keys(stage);
  if (keys.length !== 1) throw err(40323, 'A pipeline stage specification object must contain exactly one field.');
  return keys[0]!;
}

export function validatePipeline(pipeline: unknown): Document[] {
  if (!Array.isArray(pipeline)) throw err(14, "'pipeline' option must be specified as an array");
  pipeline.forEach((s, i) => {
    const name = stageName(s);
    if (SERVER_ONLY.has(name)) throw err(40324, `Unrecognized pipeline stage name: '${name}' (${name} is not supported by the embedded server)`);
    if (!STAGES.has(name)) throw err(40324, `Unrecognized pipeline stage name: '${name}'`);
    if (name === '$group' && isPlainObject((s as Document).$group)) {
      for (const [field, acc] of Object.entries((s as Document).$group as Document)) {
        if (field === '_id' || !isPlainObject(acc)) continue;
        const op = Object.keys(acc)[0];
        if (op && !ACCUMULATOR_NAMES.has(op)) throw err(15952, `unknown group operator '${op}'`);
      }
    }
    if ((name === '$out' || name === '$merge') && i !== pipeline.length - 1) throw err(40601, `${name} can only be the final stage in the pipeline`);
  });
  return pipeline as Document[];
}

export interface AggregateResult {
  docs: Document[];
  /** Name of a collection to write the result to ($out), if any. */
  out?: { db?: string; coll: string; merge?: Document };
}

export function runPipeline(db: Database, collName: string | undefined, pipeline: Document[], variables?: Document, stats?: ExecStats, view: DataView = committed): AggregateResult {
  let stages = pipeline;
  let out: AggregateResult['out'];
  const last = stages[stages.length - 1];
  if (last && ('$out' in last || '$merge' in last)) {
    stages = stages.slice(0, -1);
    if ('$out' in last) {
      const o = last.$out;
      out = typeof o === 'string' ? { coll: o } : { db: (o as Document).db, coll: String((o as Document).coll) };
    } else {
      const m = last.$merge;
      if (typeof m === 'string') out = { coll: m, merge: {} };
      else {
        const into = (m as Document).into;
        out = isPlainObject(into) ? { db: into.db as string | undefined, coll: String(into.coll), merge: m as Document } : { coll: String(into), merge: m as Document };
      }
    }
  }
  // push leading $match / $sort / $skip / $limit down to the planner
  let i = 0;
  let filter: Document = {};
  let sort: Document | undefined;
  let skip = 0;
  let limit = 0;
  if (stages[i] && '$match' in stages[i]! && !hasExprOnly(stages[i]!.$match)) filter = stages[i++]!.$match as Document;
  if (stages[i] && '$sort' in stages[i]!) sort = stages[i++]!.$sort as Document;
  if (sort && stages[i] && '$skip' in stages[i]! && typeof stages[i]!.$skip === 'number') skip = stages[i++]!.$skip as number;
  if (sort && stages[i] && '$limit' in stages[i]! && typeof stages[i]!.$limit === 'number') limit = stages[i++]!.$limit as number;
  const coll = collName === undefined ? undefined : db.get(collName);
  let input: Document[] = collName === undefined ? [] : view.find(coll, filter, { sort, skip, limit }, stats);
  const rest = stages.slice(i);
  if (rest.length === 0) return { docs: input, out };
  if (!rest.every((s) => NON_MUTATING.has(Object.keys(s)[0]!))) input = input.map(cloneDoc);
  // mingo's arithmetic and accumulators understand JS numbers only: present Long/Decimal128 as numbers
  input = input.map(numbersForMingo);
  try {
    const agg = new Aggregator(rest, {
      ...MINGO_OPTIONS,
      variables,
      collectionResolver: (name: string) => {
        const c = db.get(name);
        return c ? view.find(c, {}).map((d) => numbersForMingo(cloneDoc(d))) : [];
      },
    });
    return { docs: agg.run(input) as Document[], out };
  } catch (e) {
    throw toServerError(e);
  }
}

function hasExprOnly(m: unknown): boolean {
  return !isPlainObject(m);
}

export { numbersForMingo };
