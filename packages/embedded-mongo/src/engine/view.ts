/**
 * A view of the data that commands read and write through: the committed state directly, or a
 * transaction's snapshot plus its own pending writes (see txn/transaction.ts).
 */
import type { Document } from 'bson';
import type { Collection } from './collection.ts';
import { findDocs, type ExecStats, type FindOptions } from './query.ts';

export interface DataView {
  find(coll: Collection | undefined, filter: Document, opts?: FindOptions, stats?: ExecStats): Document[];
  insert(coll: Collection, doc: Document): void;
  replace(coll: Collection, old: Document, next: Document): void;
  remove(coll: Collection, doc: Document): void;
}

export const committed: DataView = {
  find: (coll, filter, opts, stats) => findDocs(coll, filter, opts, stats),
  insert: (coll, doc) => coll.insert(doc),
  replace: (coll, old, next) => coll.replace(old, next),
  remove: (coll, doc) => coll.delete(doc),
};
