/**
 * Version bookkeeping for snapshot isolation: a global write sequence, before-images of documents
 * changed while transactions are open, and per-document write locks held by open transactions.
 */
import type { Document } from 'bson';

interface Version {
  seq: number;
  before: Document | null;
}

export class VersionLog {
  seq = 0;
  /** Start sequence of every open transaction (multiset as a count map). */
  private readonly open = new Map<number, number>();
  private readonly history = new Map<string, Map<string, Version[]>>();
  readonly locks = new Map<string, unknown>();
  private releaseWaiters: (() => void)[] = [];

  /** Whether a document is held by an open transaction other than `self`. */
  lockedByOther(ns: string, key: string, self: unknown): boolean {
    const holder = this.locks.get(`${ns}\0${key}`);
    return holder !== undefined && holder !== self;
  }

  /** Resolves the next time a transaction ends (its locks are released). */
  nextRelease(): Promise<void> {
    return new Promise((resolve) => this.releaseWaiters.push(resolve));
  }

  get hasOpen(): boolean {
    return this.open.size > 0;
  }

  begin(): number {
    this.open.set(this.seq, (this.open.get(this.seq) ?? 0) + 1);
    return this.seq;
  }

  end(startSeq: number): void {
    const n = (this.open.get(startSeq) ?? 1) - 1;
    if (n <= 0) this.open.delete(startSeq);
    else this.open.set(startSeq, n);
    this.prune();
    for (const w of this.releaseWaiters.splice(0)) w();
  }

  /** Records a committed change of one document (before-image kept only while transactions are open). */
  note(ns: string, key: string, before: Document | null): void {
    this.seq++;
    if (!this.open.size) return;
    let m = this.history.get(ns);
    if (!m) this.history.set(ns, (m = new Map()));
    const list = m.get(key);
    if (list) list.push({ seq: this.seq, before });
    else m.set(key, [{ seq: this.seq, before }]);
  }

  changedSince(ns: string, key: string, seq: number): boolean {
    const list = this.history.get(ns)?.get(key);
    return !!list && list[list.length - 1]!.seq > seq;
  }

  /** The document as it was at `seq`, for a key changed since (undefined when unchanged). */
  versionAt(ns: string, key: string, seq: number): { doc: Document | null } | undefined {
    const list = this.history.get(ns)?.get(key);
    if (!list) return undefined;
    for (const v of list) if (v.seq > seq) return { doc: v.before };
    return undefined;
  }

  changedKeys(ns: string, seq: number): string[] {
    const m = this.history.get(ns);
    if (!m) return [];
    const out: string[] = [];
    for (const [k, list] of m) if (list[list.length - 1]!.seq > seq) out.push(k);
    return out;
  }

  private prune(): void {
    if (!this.open.size) {
      this.history.clear();
      return;
    }
    const oldest = Math.min(...this.open.keys());
    for (const [ns, m] of this.history) {
      for (const [k, list] of m) {
        while (list.length && list[0]!.seq <= oldest) list.shift();
        if (!list.length) m.delete(k);
      }
      if (!m.size) this.history.delete(ns);
    }
  }
}
