import type { Connection } from 'mongoose';
import { SubstringSet } from './substring-set.ts';

/**
 * The verification scan after an erasure: does any collection of the database still hold one of
 * the subject's former values? Declarations are not trusted here: every collection
 * (`listCollections`, GridFS `*.files` with their filenames and metadata included) and every
 * string at any depth is searched. Reports where (collection, path, count), never the value.
 */

export interface ScanForValuesOptions {
  connection: Connection;
  /** The former values. Blank ones are ignored. */
  values: readonly string[];
  /** Collections to leave out (e.g. the scheduler's run records); default none. */
  skipCollections?: readonly string[];
}

export interface ScanHit {
  collection: string;
  /** Dotted path, array indexes left out (`details.value`). */
  path: string;
  /** How many stored strings matched. */
  count: number;
}

/** Values of at least this many characters match as a case-insensitive substring; shorter ones must equal. */
export const SUBSTRING_MIN_LENGTH = 4;

interface Needles {
  count: number;
  substrings: SubstringSet;
  exact: Set<string>;
}

function needlesOf(values: readonly string[]): Needles {
  const cleaned = [...new Set(values.map((value) => value.trim().toLowerCase()).filter((value) => value !== ''))];
  return {
    count: cleaned.length,
    // One automaton for all the long values: each stored string is read once, however many values.
    substrings: new SubstringSet(cleaned.filter((value) => [...value].length >= SUBSTRING_MIN_LENGTH)),
    exact: new Set(cleaned.filter((value) => [...value].length < SUBSTRING_MIN_LENGTH)),
  };
}

function matches(text: string, needles: Needles): boolean {
  const lower = text.toLowerCase();
  if (needles.exact.has(lower.trim())) return true;
  return needles.substrings.containsAny(lower);
}

/** Walks every string of a document (keys of plain objects and arrays; BSON values other than strings are skipped). */
function walk(node: unknown, path: string, needles: Needles, hit: (path: string) => void): void {
  if (typeof node === 'string') {
    if (matches(node, needles)) hit(path);
    return;
  }
  if (Array.isArray(node)) {
    for (const item of node) walk(item, path, needles, hit);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const prototype = Object.getPrototypeOf(node) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return; // ObjectId, Date, Binary, Decimal128...
  for (const [key, value] of Object.entries(node)) walk(value, path === '' ? key : `${path}.${key}`, needles, hit);
}

/** Every collection and path of the database holding one of `values`, sorted by collection then path. */
export async function scanForValues(options: ScanForValuesOptions): Promise<ScanHit[]> {
  const needles = needlesOf(options.values);
  if (needles.count === 0) return [];
  const db = options.connection.db;
  if (db === undefined) throw new Error('scanForValues: the connection is not open');
  const skip = new Set(options.skipCollections ?? []);
  const collections = (await db.listCollections({}, { nameOnly: true }).toArray())
    .map((info) => info.name)
    // GridFS chunks are the files' bytes; their names and metadata are in `*.files`, which is scanned.
    .filter((name) => !name.startsWith('system.') && !name.endsWith('.chunks') && !skip.has(name))
    .sort();
  const counts = new Map<string, ScanHit>();
  for (const name of collections) {
    for await (const document of db.collection(name).find({})) {
      walk(document, '', needles, (path) => {
        const key = `${name}\u0000${path}`;
        const hit = counts.get(key) ?? { collection: name, path, count: 0 };
        hit.count += 1;
        counts.set(key, hit);
      });
    }
  }
  return [...counts.values()].sort((a, b) => a.collection.localeCompare(b.collection) || a.path.localeCompare(b.path));
}
