import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Collection } from '../engine/collection.ts';
import { Engine } from '../engine/database.ts';
import { createLogger } from '../log.ts';
import { JOURNAL_FILE, Storage } from './storage.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'emb-storage-'));
  dirs.push(d);
  return d;
}
const quietLog = () => {
  const warnings: string[] = [];
  return { log: { info: () => {}, warn: (m: string) => warnings.push(m), error: (m: string) => warnings.push(m) }, warnings };
};

describe('Storage', () => {
  it('replays the journal after a crash and drops a torn tail with a warning', async () => {
    const dir = tempDir();
    const e1 = new Engine();
    const s1 = Storage.open(dir, e1, createLogger(true));
    const c = e1.db('d').ensure('c');
    c.addIndex({ v: 2, key: { n: 1 }, name: 'n_1', unique: true });
    for (let i = 0; i < 10; i++) c.insert(Collection.prepareInsert({ _id: i, n: i }));
    await s1.sync();
    // simulate a crash: no close(); then tear the last record
    const journal = path.join(dir, JOURNAL_FILE);
    fs.truncateSync(journal, fs.statSync(journal).size - 3);
    const e2 = new Engine();
    const { log, warnings } = quietLog();
    Storage.open(dir, e2, log);
    const c2 = e2.db('d').get('c')!;
    expect([...c2.docs.values()].map((d) => d._id)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(c2.indexes.has('n_1')).toBe(true);
    expect(warnings.join('\n')).toMatch(/torn|incomplete/);
  });

  it('compacts into a snapshot on close and loads it back', async () => {
    const dir = tempDir();
    const e1 = new Engine();
    const s1 = Storage.open(dir, e1, createLogger(true));
    const c = e1.db('d').ensure('c');
    for (let i = 0; i < 100; i++) c.insert(Collection.prepareInsert({ _id: i }));
    c.delete(c.get(5)!);
    await s1.close();
    const e2 = new Engine();
    Storage.open(dir, e2, createLogger(true));
    expect(e2.db('d').get('c')!.docs.size).toBe(99);
  });
});
