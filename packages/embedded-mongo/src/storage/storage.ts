/**
 * Durable storage: an append-only journal (group-committed with fdatasync before writes are
 * acknowledged) on top of a snapshot. Startup loads the snapshot, replays the journal (dropping a
 * torn or corrupt tail with a warning) and compacts when the journal has grown.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Change } from '../engine/collection.ts';
import type { Engine } from '../engine/database.ts';
import type { Logger } from '../log.ts';
import { applyChange } from './apply.ts';
import { encodeRecord, readRecords } from './records.ts';
import { loadSnapshot, syncDir, writeSnapshot } from './snapshot.ts';

export const JOURNAL_FILE = 'journal';
/** Compact when the journal exceeds this many bytes (and at a clean shutdown). */
const COMPACT_BYTES = 64 * 1024 * 1024;

export class Storage {
  private fd = -1;
  private gen = 0;
  private journalBytes = 0;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private emitted = 0;
  private durable = 0;
  private waiters: { target: number; resolve: () => void; reject: (e: Error) => void }[] = [];
  private flushing = false;
  private failed: Error | undefined;
  private closed = false;
  /** Set while a multi-change group (a transaction commit) is being collected. */
  private group: Change[] | undefined;

  private constructor(
    private readonly dir: string,
    private readonly engine: Engine,
    private readonly log: Logger,
  ) {}

  static open(dir: string, engine: Engine, log: Logger): Storage {
    fs.mkdirSync(dir, { recursive: true });
    lock(dir);
    const s = new Storage(dir, engine, log);
    s.load();
    engine.onChange((c) => s.record(c));
    return s;
  }

  private get journalPath(): string {
    return path.join(this.dir, JOURNAL_FILE);
  }

  private load(): void {
    const started = Date.now();
    const warn = (m: string): void => this.log.warn(m);
    this.engine.muted = true;
    let replayed = 0;
    try {
      const snap = loadSnapshot(this.engine, this.dir, warn);
      this.gen = snap.gen;
      if (fs.existsSync(this.journalPath)) {
        const buf = fs.readFileSync(this.journalPath);
        const { records, goodEnd, problem } = readRecords(buf);
        const header = records[0];
        const journalGen = header && header.op === 'header' ? Number(header.gen) : -1;
        if (problem) {
          warn(`journal: ${problem}; dropping the damaged tail (${buf.length - goodEnd} bytes), keeping ${Math.max(0, records.length - 1)} records`);
          fs.truncateSync(this.journalPath, goodEnd);
        }
        if (journalGen === this.gen) {
          for (const r of records.slice(1)) {
            applyChange(this.engine, r as Change, warn);
            replayed++;
          }
          this.journalBytes = goodEnd;
        } else if (records.length) {
          if (journalGen > this.gen || journalGen < 0) warn(`journal: generation ${journalGen} does not match snapshot ${this.gen}; ignoring it`);
          this.journalBytes = 0;
          fs.truncateSync(this.journalPath, 0);
        }
      }
    } finally {
      this.engine.muted = false;
    }
    // a long journal is folded into a snapshot by the next flush (see COMPACT_BYTES) or at shutdown,
    // not here: startup stays proportional to the data, not to a snapshot rewrite
    if (this.journalBytes === 0) this.compact();
    else this.fd = fs.openSync(this.journalPath, 'a');
    this.log.info(`storage: loaded ${this.dir} (${replayed} journal records replayed) in ${Date.now() - started} ms`);
  }

  /** Starts a group: changes until endGroup() are journaled as one atomic record. */
  beginGroup(): void {
    this.group = [];
  }

  /** Drops the changes of the current group (a failed commit that was rolled back in memory). */
  discardGroup(): void {
    this.group = undefined;
  }

  endGroup(): void {
    const g = this.group;
    this.group = undefined;
    if (g && g.length) this.append({ op: 'b', changes: g } as never);
  }

  private record(c: Change): void {
    if (this.closed) return;
    if (this.group) this.group.push(c);
    else this.append(c);
  }

  private append(c: Change): void {
    const rec = encodeRecord(c as never);
    this.pending.push(rec);
    this.pendingBytes += rec.length;
    this.emitted++;
  }

  /** Resolves once every change recorded so far is on disk. */
  sync(): Promise<void> {
    if (this.failed) return Promise.reject(this.failed);
    if (this.durable >= this.emitted) return Promise.resolve();
    const target = this.emitted;
    const p = new Promise<void>((resolve, reject) => this.waiters.push({ target, resolve, reject }));
    void this.flushLoop();
    return p;
  }

  private async flushLoop(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.pending.length && !this.failed) {
        const batch = Buffer.concat(this.pending, this.pendingBytes);
        const upTo = this.emitted;
        this.pending = [];
        this.pendingBytes = 0;
        await writeAll(this.fd, batch);
        await new Promise<void>((res, rej) => fs.fdatasync(this.fd, (e) => (e ? rej(e) : res())));
        this.journalBytes += batch.length;
        this.markDurable(upTo);
        if (this.journalBytes > COMPACT_BYTES) this.compact();
      }
    } catch (e) {
      this.failed = e as Error;
      this.log.error(`storage: journal write failed: ${(e as Error).message}`);
      for (const w of this.waiters.splice(0)) w.reject(this.failed);
    } finally {
      this.flushing = false;
    }
  }

  private markDurable(upTo: number): void {
    this.durable = Math.max(this.durable, upTo);
    this.waiters = this.waiters.filter((w) => {
      if (w.target <= this.durable) {
        w.resolve();
        return false;
      }
      return true;
    });
  }

  /** Writes a fresh snapshot of the whole state and starts an empty journal (synchronous). */
  compact(): void {
    const gen = this.gen + 1;
    writeSnapshot(this.engine, this.dir, gen);
    if (this.fd >= 0) fs.closeSync(this.fd);
    const header = encodeRecord({ op: 'header', journal: 1, gen });
    const fd = fs.openSync(this.journalPath, 'w');
    fs.writeSync(fd, header);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    syncDir(this.dir);
    this.fd = fs.openSync(this.journalPath, 'a');
    this.gen = gen;
    this.journalBytes = header.length;
    // everything emitted so far is in the snapshot
    this.pending = [];
    this.pendingBytes = 0;
    this.markDurable(this.emitted);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.sync().catch(() => undefined);
    while (this.flushing) await new Promise((r) => setTimeout(r, 5));
    this.closed = true;
    if (!this.failed) this.compact();
    if (this.fd >= 0) fs.closeSync(this.fd);
    this.fd = -1;
    fs.rmSync(path.join(this.dir, LOCK_FILE), { force: true });
  }
}

const LOCK_FILE = 'mongod.lock';

/** Refuses a dbPath held by another live process (a lock left by a crashed process is taken over). */
function lock(dir: string): void {
  const file = path.join(dir, LOCK_FILE);
  try {
    const pid = Number(fs.readFileSync(file, 'utf8').trim());
    if (pid && pid !== process.pid && alive(pid)) throw new Error(`dbPath ${dir} is in use by process ${pid}`);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  fs.writeFileSync(file, String(process.pid));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function writeAll(fd: number, buf: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    let off = 0;
    const step = (): void => {
      fs.write(fd, buf, off, buf.length - off, null, (e, n) => {
        if (e) return reject(e);
        off += n;
        if (off < buf.length) step();
        else resolve();
      });
    };
    step();
  });
}
