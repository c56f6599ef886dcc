/** A collection: documents by _id, its indexes, and the low-level write primitives. */
import { ObjectId, UUID, type Document } from 'bson';
import { err, MongoServerError } from '../errors.ts';
import { valueKey } from './compare.ts';
import { formatDoc } from './format.ts';
import { Index, type IndexSpec } from './index-def.ts';

export interface CollectionHost {
  readonly name: string;
  /** Called after every committed change (journal hook). */
  onChange(change: Change): void;
  /** Called before a committed document change, with the previous version (transaction isolation). */
  noteWrite(ns: string, key: string, before: Document | null): void;
}

export type Change =
  | { op: 'i'; ns: string; doc: Document }
  | { op: 'u'; ns: string; doc: Document }
  | { op: 'd'; ns: string; id: unknown }
  | { op: 'ci'; ns: string; spec: IndexSpec }
  | { op: 'di'; ns: string; name: string }
  | { op: 'cc'; ns: string; options: Document; uuid: string }
  | { op: 'co'; ns: string; options: Document }
  | { op: 'dc'; ns: string }
  | { op: 'dd'; db: string }
  | { op: 'rc'; ns: string; to: string };

export class Collection {
  readonly docs = new Map<string, Document>();
  readonly indexes = new Map<string, Index>();
  readonly uuid: UUID;
  name: string;
  options: Document;

  constructor(
    readonly db: CollectionHost,
    name: string,
    options: Document = {},
    uuid?: UUID,
  ) {
    this.name = name;
    this.options = options;
    this.uuid = uuid ?? new UUID();
    const id = new Index({ v: 2, key: { _id: 1 }, name: '_id_' });
    this.indexes.set(id.name, id);
  }

  get ns(): string {
    return `${this.db.name}.${this.name}`;
  }

  get idIndex(): Index {
    return this.indexes.get('_id_')!;
  }

  get(id: unknown): Document | undefined {
    return this.docs.get(valueKey(id));
  }

  /** Throws the DuplicateKey error mongod would raise if `doc` were stored (replacing `old` if given). */
  checkUnique(doc: Document, old?: Document, key?: string): void {
    for (const ix of this.indexes.values()) {
      if (!ix.unique) {
        if (ix.fields.length > 1 && ix.covers(doc)) ix.keys(doc); // throws on parallel arrays
        continue;
      }
      if (ix.isId) {
        if (old) continue;
        if (this.docs.has(key ?? valueKey(doc._id))) throw this.dupError(ix, [doc._id]);
        continue;
      }
      const k = ix.conflict(doc);
      if (k) throw this.dupError(ix, k);
    }
  }

  dupError(ix: Index, k: unknown[]): MongoServerError {
    const keyValue = ix.keyValue(k);
    return err(
      11000,
      `E11000 duplicate key error collection: ${this.ns} index: ${ix.name} dup key: ${formatDoc(keyValue)}`,
      { keyPattern: { ...ix.spec.key }, keyValue },
    );
  }

  /** Prepares a new document for insert: _id first (generated if missing), validates _id. */
  static prepareInsert(doc: Document): Document {
    if (doc._id === undefined) return { _id: new ObjectId(), ...doc };
    if (Array.isArray(doc._id)) throw err(2, `can't use an array for _id`);
    if (doc._id instanceof RegExp) throw err(2, `can't use a regex for _id`);
    const keys = Object.keys(doc);
    if (keys[0] === '_id') return doc;
    const out: Document = { _id: doc._id };
    for (const k of keys) if (k !== '_id') out[k] = doc[k];
    return out;
  }

  insert(doc: Document): void {
    const key = valueKey(doc._id);
    this.checkUnique(doc, undefined, key);
    this.db.noteWrite(this.ns, key, null);
    this.store(doc, key);
    this.db.onChange({ op: 'i', ns: this.ns, doc });
  }

  /** Adds a document without checks or journaling (replay, rollback). */
  store(doc: Document, key = valueKey(doc._id)): void {
    this.docs.set(key, doc);
    for (const ix of this.indexes.values()) ix.add(doc);
  }

  unstore(doc: Document): void {
    this.docs.delete(valueKey(doc._id));
    for (const ix of this.indexes.values()) ix.remove(doc);
  }

  replace(old: Document, next: Document): void {
    this.checkUnique(next, old);
    this.db.noteWrite(this.ns, valueKey(old._id), old);
    this.unstore(old);
    this.store(next);
    this.db.onChange({ op: 'u', ns: this.ns, doc: next });
  }

  delete(doc: Document): void {
    this.db.noteWrite(this.ns, valueKey(doc._id), doc);
    this.unstore(doc);
    this.db.onChange({ op: 'd', ns: this.ns, id: doc._id });
  }

  /** Builds a new index over existing documents; throws (leaving nothing behind) on duplicates. */
  addIndex(spec: IndexSpec, journal = true): Index {
    const ix = new Index(spec);
    {
      for (const doc of this.docs.values()) {
        if (ix.unique) {
          const k = ix.conflict(doc);
          if (k) throw this.dupError(ix, k);
        }
        ix.add(doc);
      }
    }
    this.indexes.set(ix.name, ix);
    if (journal) this.db.onChange({ op: 'ci', ns: this.ns, spec });
    return ix;
  }

  dropIndex(name: string, journal = true): void {
    this.indexes.delete(name);
    if (journal) this.db.onChange({ op: 'di', ns: this.ns, name });
  }
}
