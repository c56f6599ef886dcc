// Benchmark of the embedded MongoDB-compatible server (prints; never asserts).
// Run: pnpm --filter @leadgraph/embedded-mongo bench   (or `pnpm bench` at the root).
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import type { Collection, Document } from 'mongodb';
import mongoose from 'mongoose';
import { start } from '../src/index.ts';
import { startCli } from '../test/helpers/cli.ts';
import { docOf, fmt, percentile, record, rows, rssOf, section, throughput, timeEach } from './lib.ts';

const tempDirs: string[] = [];
const tempDir = async (name: string) => {
  const d = await mkdtemp(path.join(tmpdir(), `leadgraph-bench-${name}-`));
  tempDirs.push(d);
  return d;
};

async function mongooseInserts(label: string, dbPath?: string): Promise<number> {
  const server = await start({ port: 0, host: '127.0.0.1', quiet: true, ...(dbPath ? { dbPath } : {}) });
  const conn = await mongoose.createConnection(server.uri, { dbName: 'bench' }).asPromise();
  const Model = conn.model('Item', new mongoose.Schema({ name: String, n: Number, at: Date }));
  await Model.init();
  await throughput(300, (i) => Model.create({ name: `warm-up ${i}`, n: i, at: new Date() }));
  const rate = await throughput(2_000, (i) => Model.create({ name: `item ${i}`, n: i, at: new Date() }));
  record(`mongoose single-document inserts (${label})`, fmt.rate(rate));
  await conn.close();
  await server.stop();
  return rate;
}

async function insertManyRate(label: string, dbPath?: string): Promise<number> {
  const server = await start({ port: 0, host: '127.0.0.1', quiet: true, ...(dbPath ? { dbPath } : {}) });
  const client = await MongoClient.connect(server.uri);
  const coll = client.db('bench').collection('many');
  const total = 100_000;
  const t = performance.now();
  for (let b = 0; b < total / 1_000; b++) await coll.insertMany(Array.from({ length: 1_000 }, (_, i) => docOf(b * 1_000 + i, 200)) as never[]);
  const rate = (total * 1000) / (performance.now() - t);
  record(`insertMany, batches of 1,000 (~200 B docs, ${label})`, fmt.rate(rate), 'docs');
  await client.close();
  await server.stop();
  return rate;
}

async function fill(coll: Collection<Document>, from: number, to: number, bytes: number): Promise<void> {
  for (let b = from; b < to; b += 1_000) {
    await coll.insertMany(Array.from({ length: Math.min(1_000, to - b) }, (_, i) => docOf(b + i, bytes)) as never[]);
  }
}

async function queries(): Promise<{ p50: Map<number, number> }> {
  const server = await start({ port: 0, host: '127.0.0.1', quiet: true });
  const client = await MongoClient.connect(server.uri);
  const coll = client.db('bench').collection('q');
  await coll.createIndex({ k: 1 });
  const p50 = new Map<number, number>();
  let have = 0;
  for (const n of [1_000, 10_000, 100_000]) {
    await fill(coll, have, n, 200);
    have = n;
    const rnd = () => Math.floor(Math.random() * n);
    await timeEach(200, () => coll.findOne({ k: rnd() })); // warm-up
    const indexed = await timeEach(2_000, () => coll.findOne({ k: rnd() }));
    const scans = n >= 100_000 ? 30 : n >= 10_000 ? 100 : 300;
    const unindexed = await timeEach(scans, () => coll.findOne({ u: rnd() }));
    p50.set(n, percentile(indexed, 50));
    record(`findOne indexed   @ ${n.toLocaleString('en-US')} docs  p50 / p99`, `${fmt.ms(percentile(indexed, 50))} / ${fmt.ms(percentile(indexed, 99))}`);
    record(`findOne unindexed @ ${n.toLocaleString('en-US')} docs  p50 / p99`, `${fmt.ms(percentile(unindexed, 50))} / ${fmt.ms(percentile(unindexed, 99))}`, `(${scans} samples)`);
  }
  const ids = () => Array.from({ length: 1_000 }, () => Math.floor(Math.random() * 100_000));
  const inList = await timeEach(5, () => coll.find({ _id: { $in: ids() } } as never).toArray());
  record('find _id $in 1,000 ids @ 100,000 docs (populate-style), median of 5', fmt.ms(percentile(inList, 50)));
  const group = await timeEach(3, () => coll.aggregate([{ $group: { _id: '$g', n: { $sum: 1 }, total: { $sum: '$u' } } }]).toArray());
  record('$group over 100,000 docs (100 groups), median of 3', fmt.ms(percentile(group, 50)));
  await client.close();
  await server.stop();
  return { p50 };
}

async function timedStart(dbPath: string): Promise<{ ms: number; count: number }> {
  const t = performance.now();
  const server = await start({ port: 0, host: '127.0.0.1', quiet: true, dbPath });
  const client = await MongoClient.connect(server.uri);
  const count = await client.db('bench').collection('kb').countDocuments();
  const ms = performance.now() - t;
  await client.close();
  await server.stop();
  return { ms, count };
}

/** 100k docs of ~1 KB into a CLI server on a dbpath; RSS before/after; kill -9; timed restarts. */
async function restartAndMemory(): Promise<{ readyMs: number }> {
  const dbpath = await tempDir('replay');
  const first = await startCli(['--dbpath', dbpath]);
  const client = await MongoClient.connect(first.uri, { directConnection: true });
  const coll = client.db('bench').collection('kb');
  await coll.insertOne({ warm: true });
  await coll.deleteMany({});
  const before = rssOf(first.child.pid!);
  await fill(coll, 0, 100_000, 1_000);
  const after = rssOf(first.child.pid!);
  record('resident memory per 100,000 docs of ~1 KB (CLI process)', fmt.mb(after - before), `(RSS ${fmt.mb(before)} -> ${fmt.mb(after)})`);
  await client.close();
  first.child.kill('SIGKILL');
  await first.exited;

  // in-process start() on the dbpath: journal replay + ready + first count, without tsx start-up
  const replay = await timedStart(dbpath);
  record('restart after kill -9, 100,000 x 1 KB docs: start() to first count', fmt.ms(replay.ms), `(${replay.count.toLocaleString('en-US')} docs found)`);
  const clean = await timedStart(dbpath);
  record('restart after clean stop, same data: start() to first count', fmt.ms(clean.ms));
  const t = performance.now();
  const cli = await startCli(['--dbpath', dbpath]);
  const c2 = await MongoClient.connect(cli.uri, { directConnection: true });
  await c2.db('bench').collection('kb').countDocuments();
  record('  same via the CLI (node + tsx start-up included)', fmt.ms(performance.now() - t));
  await c2.close();
  cli.child.kill('SIGTERM');
  await cli.exited;
  return { readyMs: replay.ms };
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const load = loadavg().map((l) => l.toFixed(1)).join(' ');
  console.log(`embedded-mongo benchmark — Node ${process.version}, ${cpus().length} cores, load average ${load}, ${new Date().toISOString()}`);
  console.log('(figures are wall-clock on a shared machine: compare runs at a similar load average)');
  section('writes');
  await mongooseInserts('memory');
  await mongooseInserts('dbpath', await tempDir('mongoose'));
  const manyMem = await insertManyRate('memory');
  await insertManyRate('dbpath', await tempDir('many'));
  section('reads');
  const { p50 } = await queries();
  section('restart and memory');
  const { readyMs } = await restartAndMemory();

  section('targets');
  const growth = (p50.get(100_000) ?? Number.NaN) / (p50.get(1_000) ?? Number.NaN);
  const verdict = (ok: boolean) => (ok ? 'meets target' : 'MISSES target');
  record('indexed findOne p50 @100k / @1k  (target <= 1.5x)', fmt.ratio(growth), verdict(growth <= 1.5));
  record('insertMany in memory / 50,000 docs/s  (target >= 1x)', fmt.ratio(manyMem / 50_000), verdict(manyMem >= 50_000));
  record('restart with 100k docs ready / 3 s  (target < 1x)', fmt.ratio(readyMs / 3_000), verdict(readyMs < 3_000));
  console.log(`\n${rows.length} figures in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

try {
  await main();
} finally {
  for (const d of tempDirs) await rm(d, { recursive: true, force: true });
}
