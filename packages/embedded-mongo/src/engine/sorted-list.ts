/**
 * An ordered list of entries kept in chunks of bounded size (a flat B-tree): O(log n) search,
 * O(sqrt-ish) insert/remove without moving the whole array. Ordering comes from `cmp`.
 */
const MAX_CHUNK = 1024;

export interface Cursor {
  chunk: number;
  index: number;
}

export class SortedList<T> {
  private chunks: T[][] = [];
  private count = 0;
  constructor(private readonly cmp: (a: T, b: T) => number) {}

  get size(): number {
    return this.count;
  }

  clear(): void {
    this.chunks = [];
    this.count = 0;
  }

  /** Position of the first entry for which `below(entry)` is false (`below` must be monotone). */
  seek(below: (e: T) => boolean): Cursor {
    const chunks = this.chunks;
    let lo = 0;
    let hi = chunks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const c = chunks[mid]!;
      if (below(c[c.length - 1]!)) lo = mid + 1;
      else hi = mid;
    }
    if (lo === chunks.length) return { chunk: lo, index: 0 };
    const c = chunks[lo]!;
    let a = 0;
    let b = c.length;
    while (a < b) {
      const mid = (a + b) >>> 1;
      if (below(c[mid]!)) a = mid + 1;
      else b = mid;
    }
    return { chunk: lo, index: a };
  }

  at(pos: Cursor): T | undefined {
    return this.chunks[pos.chunk]?.[pos.index];
  }

  /** Advances the cursor in place; returns false at the end. */
  next(pos: Cursor): boolean {
    const c = this.chunks[pos.chunk];
    if (!c) return false;
    pos.index++;
    if (pos.index >= c.length) {
      pos.chunk++;
      pos.index = 0;
    }
    return pos.chunk < this.chunks.length;
  }

  /** Moves the cursor one entry back; returns false before the start. */
  prev(pos: Cursor): boolean {
    if (pos.index > 0) {
      pos.index--;
      return true;
    }
    if (pos.chunk === 0) return false;
    pos.chunk--;
    pos.index = this.chunks[pos.chunk]!.length - 1;
    return pos.index >= 0;
  }

  /** Cursor on the last entry (or an empty position). */
  last(): Cursor {
    const n = this.chunks.length;
    if (!n) return { chunk: 0, index: 0 };
    return { chunk: n - 1, index: this.chunks[n - 1]!.length - 1 };
  }

  insert(e: T): void {
    const cmp = this.cmp;
    if (this.chunks.length === 0) {
      this.chunks.push([e]);
      this.count++;
      return;
    }
    // fast path: append at the end (monotone keys such as ObjectIds)
    const lastChunk = this.chunks[this.chunks.length - 1]!;
    let pos: Cursor;
    if (cmp(lastChunk[lastChunk.length - 1]!, e) <= 0) pos = { chunk: this.chunks.length - 1, index: lastChunk.length };
    else {
      pos = this.seek((x) => cmp(x, e) < 0);
      if (pos.chunk === this.chunks.length) pos = { chunk: pos.chunk - 1, index: this.chunks[pos.chunk - 1]!.length };
    }
    const chunk = this.chunks[pos.chunk]!;
    chunk.splice(pos.index, 0, e);
    this.count++;
    if (chunk.length > MAX_CHUNK) {
      const right = chunk.splice(chunk.length >>> 1);
      this.chunks.splice(pos.chunk + 1, 0, right);
    }
  }

  /** Removes the entry equal (cmp === 0) to `e`; returns whether one was found. */
  remove(e: T): boolean {
    const cmp = this.cmp;
    const pos = this.seek((x) => cmp(x, e) < 0);
    const chunk = this.chunks[pos.chunk];
    if (!chunk || pos.index >= chunk.length || cmp(chunk[pos.index]!, e) !== 0) return false;
    chunk.splice(pos.index, 1);
    this.count--;
    if (chunk.length === 0) this.chunks.splice(pos.chunk, 1);
    return true;
  }

  *values(): IterableIterator<T> {
    for (const c of this.chunks) yield* c;
  }
}
