/**
 * Snapshots: the whole committed state in one file, written to a temporary name, fsynced and
 * renamed (atomic). Frames are [u8 kind][BSON]: kind 1 = metadata, kind 2 = a document of the
 * collection named by the last `ns` metadata frame.
 */
import fs from 'node:fs';
import path from 'node:path';
import { BSON, type Document } from 'bson';
import type { Engine } from '../engine/database.ts';
import { deserialize } from '../wire/bson.ts';
import { applyChange } from './apply.ts';

const META = 1;
const DOC = 2;
const FLUSH_BYTES = 8 * 1024 * 1024;

export const SNAPSHOT_FILE = 'snapshot.bson';

export function writeSnapshot(engine: Engine, dir: string, gen: number): void {
  const final = path.join(dir, SNAPSHOT_FILE);
  const tmp = `${final}.tmp`;
  const fd = fs.openSync(tmp, 'w');
  try {
    let chunks: Uint8Array[] = [];
    let bytes = 0;
    const flush = (): void => {
      if (!bytes) return;
      fs.writeSync(fd, Buffer.concat(chunks, bytes));
      chunks = [];
      bytes = 0;
    };
    const frame = (kind: number, body: Uint8Array): void => {
      chunks.push(Uint8Array.of(kind), body);
      bytes += 1 + body.length;
      if (bytes >= FLUSH_BYTES) flush();
    };
    const meta = (d: Document): void => frame(META, BSON.serialize(d));
    let count = 0;
    meta({ op: 'header', snapshot: 1, gen, created: new Date() });
    for (const db of engine.dbs.values()) {
      for (const coll of db.collections.values()) {
        meta({ op: 'cc', ns: coll.ns, options: coll.options, uuid: coll.uuid.toHexString() });
        for (const ix of coll.indexes.values()) if (!ix.isId) meta({ op: 'ci', ns: coll.ns, spec: ix.spec });
        meta({ op: 'ns', ns: coll.ns });
        for (const d of coll.docs.values()) {
          frame(DOC, BSON.serialize(d));
          count++;
        }
      }
    }
    meta({ op: 'end', docs: count });
    flush();
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, final);
  syncDir(dir);
}

export function syncDir(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // some platforms cannot fsync a directory; the rename is still atomic
  }
}

/** Loads the snapshot into the engine; returns its generation (0 when there is none). */
export function loadSnapshot(engine: Engine, dir: string, warn: (m: string) => void): { gen: number; docs: number } {
  const file = path.join(dir, SNAPSHOT_FILE);
  if (!fs.existsSync(file)) return { gen: 0, docs: 0 };
  const buf = fs.readFileSync(file);
  let off = 0;
  let gen = 0;
  let docs = 0;
  let ended = false;
  let current: ReturnType<ReturnType<Engine['db']>['ensure']> | undefined;
  while (off < buf.length) {
    const kind = buf[off];
    if (off + 5 > buf.length) break;
    const len = buf.readInt32LE(off + 1);
    if (len < 5 || off + 1 + len > buf.length || (kind !== META && kind !== DOC)) break;
    let d: Document;
    try {
      d = deserialize(buf.subarray(off + 1, off + 1 + len));
    } catch {
      break;
    }
    off += 1 + len;
    if (kind === DOC) {
      if (!current) break;
      current.store(d);
      docs++;
      continue;
    }
    if (d.op === 'header') gen = Number(d.gen) || 0;
    else if (d.op === 'end') {
      ended = true;
      break;
    } else if (d.op === 'ns') {
      const ns = String(d.ns);
      const i = ns.indexOf('.');
      current = engine.db(ns.slice(0, i)).ensure(ns.slice(i + 1));
    } else applyChange(engine, d as never, warn);
  }
  if (!ended) warn(`snapshot ${file} is incomplete or corrupt at offset ${off}; loaded ${docs} documents before it`);
  return { gen, docs };
}
