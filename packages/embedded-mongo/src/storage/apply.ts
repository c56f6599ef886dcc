/** Applies journal/snapshot changes to the engine idempotently (replay never re-journals). */
import type { Document } from 'bson';
import type { Change } from '../engine/collection.ts';
import type { Engine } from '../engine/database.ts';
import type { IndexSpec } from '../engine/index-def.ts';

function split(ns: string): [string, string] {
  const i = ns.indexOf('.');
  return [ns.slice(0, i), ns.slice(i + 1)];
}

export function applyChange(engine: Engine, c: Change | { op: 'b'; changes: Change[] }, warn: (m: string) => void): void {
  switch (c.op) {
    case 'b':
      for (const x of c.changes) applyChange(engine, x, warn);
      return;
    case 'i':
    case 'u': {
      const [db, name] = split(c.ns);
      const coll = engine.db(db).ensure(name);
      const old = coll.get(c.doc._id);
      if (old) coll.unstore(old);
      coll.store(c.doc);
      return;
    }
    case 'd': {
      const [db, name] = split(c.ns);
      const coll = engine.peek(db)?.get(name);
      const old = coll?.get(c.id);
      if (old) coll!.unstore(old);
      return;
    }
    case 'cc': {
      const [db, name] = split(c.ns);
      const d = engine.db(db);
      if (!d.get(name)) d.create(name, c.options, c.uuid, false);
      return;
    }
    case 'co': {
      const [db, name] = split(c.ns);
      const coll = engine.peek(db)?.get(name);
      if (coll) coll.options = c.options;
      return;
    }
    case 'dc': {
      const [db, name] = split(c.ns);
      engine.peek(db)?.drop(name, false);
      return;
    }
    case 'dd':
      engine.dropDatabase(c.db, false);
      return;
    case 'rc': {
      const [db, name] = split(c.ns);
      const d = engine.peek(db);
      if (d?.get(name) && !d.get(c.to)) d.rename(name, c.to, false);
      return;
    }
    case 'ci': {
      const [db, name] = split(c.ns);
      const coll = engine.db(db).ensure(name);
      if (coll.indexes.has(c.spec.name)) return;
      try {
        coll.addIndex(c.spec as IndexSpec, false);
      } catch (e) {
        warn(`replay: index ${c.spec.name} on ${c.ns} could not be rebuilt (code ${(e as { code?: number }).code ?? 'unknown'})`);
      }
      return;
    }
    case 'di': {
      const [db, name] = split(c.ns);
      engine.peek(db)?.get(name)?.dropIndex(c.name, false);
      return;
    }
    default:
      warn(`replay: unknown record type '${String((c as Document).op)}' skipped`);
  }
}
