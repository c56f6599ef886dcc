/**
 * A multi-document transaction: reads see the committed state as of its start plus its own writes;
 * writes are buffered and take per-document locks (first writer wins, the second gets
 * WriteConflict); commit applies everything as one journal record, abort drops the buffer.
 */
import type { Document } from 'bson';
import { err, type MongoServerError } from '../errors.ts';
import { Collection } from '../engine/collection.ts';
import { valueKey } from '../engine/compare.ts';
import type { Engine } from '../engine/database.ts';
import { compileFilter, findDocs, safeTest, type ExecStats, type FindOptions } from '../engine/query.ts';
import { parseSort, sortDocs } from '../engine/sort.ts';
import type { DataView } from '../engine/view.ts';
import type { Storage } from '../storage/storage.ts';

const TRANSIENT = ['TransientTransactionError'];

export function writeConflict(): MongoServerError {
  return err(112, 'Write conflict during plan execution and yielding is disabled. :: Please retry your operation or multi-document transaction.', {}, TRANSIENT);
}

interface Pending {
  coll: Collection;
  doc: Document | null;
}

export class Txn {
  state: 'active' | 'committed' | 'aborted' = 'active';
  readonly startSeq: number;
  /** ns -> idKey -> pending version (null = deleted). */
  private readonly writes = new Map<string, Map<string, Pending>>();
  readonly view: DataView;
  lastUse = Date.now();
  readonly startedAt = Date.now();

  constructor(
    readonly engine: Engine,
    readonly txnNumber: number,
    private readonly storage: Storage | undefined,
  ) {
    this.startSeq = engine.versions.begin();
    this.view = {
      find: (coll, filter, opts, stats) => this.find(coll, filter, opts, stats),
      insert: (coll, doc) => this.write(coll, doc._id, doc, true),
      replace: (coll, old, next) => this.write(coll, old._id, next, false),
      remove: (coll, doc) => this.write(coll, doc._id, null, false),
    };
  }

  private lockKey(ns: string, key: string): string {
    return `${ns}\0${key}`;
  }

  /** The document with this key as this transaction sees it (undefined if absent). */
  private visible(coll: Collection, key: string): Document | undefined {
    const own = this.writes.get(coll.ns)?.get(key);
    if (own) return own.doc ?? undefined;
    const old = this.engine.versions.versionAt(coll.ns, key, this.startSeq);
    if (old) return old.doc ?? undefined;
    return coll.docs.get(key);
  }

  private write(coll: Collection, id: unknown, doc: Document | null, isInsert: boolean): void {
    this.assertActive();
    const key = valueKey(id);
    const versions = this.engine.versions;
    const lk = this.lockKey(coll.ns, key);
    const holder = versions.locks.get(lk);
    if ((holder && holder !== this) || versions.changedSince(coll.ns, key, this.startSeq)) throw writeConflict();
    if (doc) this.checkUnique(coll, doc, key, isInsert);
    versions.locks.set(lk, this);
    let m = this.writes.get(coll.ns);
    if (!m) this.writes.set(coll.ns, (m = new Map()));
    m.set(key, { coll, doc });
  }

  private checkUnique(coll: Collection, doc: Document, key: string, isInsert: boolean): void {
    if (isInsert && this.visible(coll, key)) throw coll.dupError(coll.idIndex, [doc._id]);
    const own = this.writes.get(coll.ns);
    for (const ix of coll.indexes.values()) {
      if (!ix.unique || ix.isId) continue;
      // committed documents (that this transaction has not changed) and this transaction's own writes
      const k = ix.conflict(doc);
      if (k) {
        const sameKey = ix.keys(doc).find((x) => JSON.stringify(x) === JSON.stringify(k));
        const clash = [...ix.entries.values()].find((e) => sameKey && e.k.every((v, i) => valueKey(v) === valueKey(sameKey[i])) && valueKey(e.id) !== key);
        if (!clash || !own?.has(valueKey(clash.id))) throw coll.dupError(ix, k);
      }
      if (own && ix.covers(doc)) {
        const mine = new Set(ix.keys(doc).map((x) => valueKey(x)));
        for (const [otherKey, p] of own) {
          if (otherKey === key || !p.doc || !ix.covers(p.doc)) continue;
          const hit = ix.keys(p.doc).find((x) => mine.has(valueKey(x)));
          if (hit) throw coll.dupError(ix, hit);
        }
      }
    }
  }

  private find(coll: Collection | undefined, filter: Document, opts: FindOptions = {}, stats?: ExecStats): Document[] {
    this.assertActive();
    if (!coll) return findDocs(undefined, filter, opts, stats);
    const versions = this.engine.versions;
    const own = this.writes.get(coll.ns);
    const changed = versions.changedKeys(coll.ns, this.startSeq);
    if (!own?.size && !changed.length) return findDocs(coll, filter, opts, stats);
    const hidden = new Set<string>([...(own?.keys() ?? []), ...changed]);
    const base = findDocs(coll, filter, { hint: opts.hint }, stats).filter((d) => !hidden.has(valueKey(d._id)));
    const q = compileFilter(filter);
    const extra: Document[] = [];
    for (const key of hidden) {
      const d = this.visible(coll, key);
      if (d && (!q || safeTest(q, d))) extra.push(d);
    }
    let res = sortDocs([...base, ...extra], parseSort(opts.sort));
    const skip = opts.skip ?? 0;
    const limit = opts.limit && opts.limit > 0 ? opts.limit : Infinity;
    if (skip || limit !== Infinity) res = res.slice(skip, skip + limit);
    if (stats) stats.nReturned = res.length;
    return res;
  }

  assertActive(): void {
    if (this.state !== 'active') throw err(251, `Transaction ${this.txnNumber} has been ${this.state}.`, {}, TRANSIENT);
  }

  commit(): void {
    this.assertActive();
    const versions = this.engine.versions;
    for (const [ns, m] of this.writes) for (const key of m.keys()) if (versions.changedSince(ns, key, this.startSeq)) {
      this.abort();
      throw writeConflict();
    }
    const undo: (() => void)[] = [];
    this.storage?.beginGroup();
    try {
      for (const m of this.writes.values()) {
        for (const [key, { coll, doc }] of m) {
          const current = coll.docs.get(key);
          if (doc === null) {
            if (current) {
              coll.delete(current);
              undo.push(() => coll.store(current));
            }
          } else if (current) {
            coll.replace(current, doc);
            undo.push(() => {
              coll.unstore(doc);
              coll.store(current);
            });
          } else {
            coll.insert(Collection.prepareInsert(doc));
            undo.push(() => coll.unstore(doc));
          }
        }
      }
    } catch (e) {
      this.storage?.discardGroup();
      for (const u of undo.reverse()) u();
      this.abort();
      throw e;
    }
    this.storage?.endGroup();
    this.finish('committed');
  }

  abort(): void {
    if (this.state === 'active') this.finish('aborted');
  }

  private finish(state: 'committed' | 'aborted'): void {
    this.state = state;
    const versions = this.engine.versions;
    for (const [ns, m] of this.writes) for (const key of m.keys()) {
      const lk = this.lockKey(ns, key);
      if (versions.locks.get(lk) === this) versions.locks.delete(lk);
    }
    this.writes.clear();
    versions.end(this.startSeq);
  }
}
