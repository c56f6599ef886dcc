/** TTL monitor: periodically deletes documents whose indexed date is older than expireAfterSeconds. */
import type { Document } from 'bson';
import { rank, Rank } from './compare.ts';
import type { Engine } from './database.ts';

/** Removes expired documents now; returns how many were deleted. */
export function expireNow(engine: Engine, now = Date.now()): number {
  let removed = 0;
  for (const db of engine.dbs.values()) {
    for (const coll of db.collections.values()) {
      for (const ix of coll.indexes.values()) {
        const ttl = ix.ttlSeconds;
        if (ttl === undefined || ix.fields.length !== 1) continue;
        const cutoff = now - ttl * 1000;
        const expired = new Set<Document>();
        const pos = ix.entries.seek((e) => rank(e.k[0]) < Rank.Date);
        for (let e = ix.entries.at(pos); e; e = ix.entries.next(pos) ? ix.entries.at(pos) : undefined) {
          const v = e.k[0];
          if (!(v instanceof Date) || v.getTime() > cutoff) break;
          expired.add(e.d);
        }
        for (const d of expired) {
          if (coll.get(d._id) !== d) continue;
          coll.delete(d);
          removed++;
        }
      }
    }
  }
  return removed;
}

export function startTtlMonitor(engine: Engine, intervalMs: number, onError: (e: Error) => void): () => void {
  const timer = setInterval(() => {
    try {
      expireNow(engine);
    } catch (e) {
      onError(e as Error);
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
