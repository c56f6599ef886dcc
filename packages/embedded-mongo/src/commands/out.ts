/** Writing aggregation results: $out (replace the target) and $merge (on / whenMatched / whenNotMatched). */
import type { Document } from 'bson';
import { err } from '../errors.ts';
import { Collection } from '../engine/collection.ts';
import { bsonEquals } from '../engine/compare.ts';
import { getPath, isPlainObject } from '../engine/paths.ts';
import type { CommandContext } from './context.ts';
import { validateNewDoc, viewOf } from './write.ts';

export interface OutSpec {
  db?: string;
  coll: string;
  merge?: Document;
}

export function writeOut(ctx: CommandContext, spec: OutSpec, docs: Document[]): void {
  const db = ctx.server.engine.db(spec.db ?? ctx.dbName);
  const target = db.get(spec.coll) ?? db.ensure(spec.coll);
  const view = viewOf(ctx);
  if (!spec.merge) {
    for (const d of view.find(target, {})) view.remove(target, d);
    for (const raw of docs) view.insert(target, Collection.prepareInsert(validateNewDoc({ ...raw })));
    return;
  }
  const m = spec.merge;
  const on = m.on === undefined ? ['_id'] : Array.isArray(m.on) ? m.on.map(String) : [String(m.on)];
  const whenMatched = m.whenMatched ?? 'merge';
  const whenNotMatched = m.whenNotMatched ?? 'insert';
  if (Array.isArray(whenMatched)) throw err(51199, '$merge with a pipeline for whenMatched is not supported by the embedded server');
  if (!['merge', 'replace', 'keepExisting', 'fail'].includes(whenMatched)) throw err(9, `Enumeration value '${String(whenMatched)}' for field 'whenMatched' is not a valid value.`);
  if (!['insert', 'discard', 'fail'].includes(whenNotMatched)) throw err(9, `Enumeration value '${String(whenNotMatched)}' for field 'whenNotMatched' is not a valid value.`);
  for (const raw of docs) {
    const filter: Document = {};
    for (const f of on) {
      const v = getPath(raw, f);
      if (v === undefined || v === null || Array.isArray(v)) throw err(51132, `$merge write error: 'on' field '${f}' cannot be missing, null, undefined or an array`);
      filter[f] = v;
    }
    const existing = view.find(target, filter);
    if (existing.length > 1) throw err(51183, `$merge: the 'on' fields must identify a single document of ${target.ns}`);
    const found = existing[0];
    if (!found) {
      if (whenNotMatched === 'discard') continue;
      if (whenNotMatched === 'fail') throw err(13113, `$merge could not find a matching document in the target collection for at least one document in the source collection`);
      view.insert(target, Collection.prepareInsert(validateNewDoc({ ...raw })));
      continue;
    }
    if (whenMatched === 'keepExisting') continue;
    if (whenMatched === 'fail') throw err(11000, `$merge failed: a document with the same 'on' fields already exists in ${target.ns}`);
    if (raw._id !== undefined && !bsonEquals(raw._id, found._id) && on.includes('_id') === false && isPlainObject(raw))
      throw err(66, `$merge failed to update the matching document, did you attempt to modify the _id or the shard key?`);
    const next = whenMatched === 'replace' ? { ...raw, _id: found._id } : { ...found, ...raw, _id: found._id };
    view.replace(target, found, next);
  }
}
