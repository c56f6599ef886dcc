/** Databases and the engine that owns them. */
import type { Document } from 'bson';
import { UUID } from 'bson';
import { err } from '../errors.ts';
import { Collection, type Change, type CollectionHost } from './collection.ts';
import { VersionLog } from '../txn/mvcc.ts';

export type ChangeListener = (change: Change) => void;

export class Database implements CollectionHost {
  readonly collections = new Map<string, Collection>();
  constructor(
    readonly engine: Engine,
    readonly name: string,
  ) {}

  onChange(change: Change): void {
    this.engine.emit(change);
  }

  noteWrite(ns: string, key: string, before: Document | null): void {
    this.engine.versions.note(ns, key, before);
  }

  get(name: string): Collection | undefined {
    return this.collections.get(name);
  }

  /** Returns the collection, creating it implicitly (as inserts and createIndexes do). */
  ensure(name: string): Collection {
    return this.collections.get(name) ?? this.create(name, {});
  }

  create(name: string, options: Document, uuid?: string, journal = true): Collection {
    validateCollectionName(this.name, name);
    if (this.collections.has(name)) throw err(48, `Collection ${this.name}.${name} already exists.`);
    const c = new Collection(this, name, options, uuid ? new UUID(uuid) : undefined);
    this.collections.set(name, c);
    if (journal) this.onChange({ op: 'cc', ns: c.ns, options, uuid: c.uuid.toHexString() });
    return c;
  }

  drop(name: string, journal = true): boolean {
    const c = this.collections.get(name);
    if (!c) return false;
    this.collections.delete(name);
    if (journal) this.onChange({ op: 'dc', ns: c.ns });
    return true;
  }

  rename(from: string, to: string, journal = true): void {
    const c = this.collections.get(from);
    if (!c) throw err(26, 'source namespace does not exist');
    validateCollectionName(this.name, to);
    this.collections.delete(from);
    c.name = to;
    this.collections.set(to, c);
    if (journal) this.onChange({ op: 'rc', ns: `${this.name}.${from}`, to });
  }
}

export function validateCollectionName(db: string, name: string): void {
  if (typeof name !== 'string' || name.length === 0) throw err(73, `Invalid namespace specified '${db}.'`);
  if (name.includes('$') || name.includes('\0') || name.startsWith('.') || name.startsWith('system.buckets'))
    throw err(73, `Invalid collection name: ${name}`);
}

export function validateDbName(name: unknown): string {
  if (typeof name !== 'string' || name.length === 0 || /[/\\. "$\0]/.test(name) || name.length > 63)
    throw err(73, `Invalid database name: '${String(name)}'`);
  return name;
}

export class Engine {
  readonly dbs = new Map<string, Database>();
  readonly versions = new VersionLog();
  private readonly listeners: ChangeListener[] = [];
  /** Set while replaying the journal so nothing is re-journaled. */
  muted = false;

  onChange(listener: ChangeListener): void {
    this.listeners.push(listener);
  }

  emit(change: Change): void {
    if (this.muted) return;
    for (const l of this.listeners) l(change);
  }

  db(name: string): Database {
    let d = this.dbs.get(name);
    if (!d) {
      d = new Database(this, validateDbName(name));
      this.dbs.set(name, d);
    }
    return d;
  }

  peek(name: string): Database | undefined {
    return this.dbs.get(name);
  }

  dropDatabase(name: string, journal = true): void {
    if (!this.dbs.delete(name)) return;
    if (journal) this.emit({ op: 'dd', db: name });
  }

  collection(ns: string): Collection | undefined {
    const dot = ns.indexOf('.');
    return this.dbs.get(ns.slice(0, dot))?.get(ns.slice(dot + 1));
  }
}
