/**
 * Does a text contain any of many needles? An Aho–Corasick automaton over UTF-16 code units:
 * built once per needle set, then each text is read once, whatever the number of needles. The
 * verification scan after an erasure asks this of every stored string with thousands of former
 * values; testing each needle with `includes` made that cost values × strings.
 */
export class SubstringSet {
  /** Per state: the transitions by code unit. State 0 is the root. */
  private readonly next: Map<number, number>[] = [new Map()];
  /** Per state: the longest proper suffix that is also a state. */
  private readonly fail: number[] = [0];
  /** Per state: a needle ends here or at one of its suffix states. */
  private readonly output: boolean[] = [false];

  constructor(needles: Iterable<string>) {
    for (const needle of needles) {
      if (needle === '') continue;
      let state = 0;
      for (let i = 0; i < needle.length; i++) {
        const unit = needle.charCodeAt(i);
        let target = this.next[state]!.get(unit);
        if (target === undefined) {
          target = this.next.length;
          this.next.push(new Map());
          this.fail.push(0);
          this.output.push(false);
          this.next[state]!.set(unit, target);
        }
        state = target;
      }
      this.output[state] = true;
    }
    this.link();
  }

  /** Breadth-first: each state's failure link from its parent's, and outputs inherited along them. */
  private link(): void {
    const queue: number[] = [...this.next[0]!.values()];
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head]!;
      for (const [unit, child] of this.next[state]!) {
        let fallback = this.fail[state]!;
        while (fallback !== 0 && !this.next[fallback]!.has(unit)) fallback = this.fail[fallback]!;
        const candidate = this.next[fallback]!.get(unit);
        this.fail[child] = candidate !== undefined && candidate !== child ? candidate : 0;
        if (this.output[this.fail[child]!]) this.output[child] = true;
        queue.push(child);
      }
    }
  }

  /** Whether `text` contains at least one needle. */
  containsAny(text: string): boolean {
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      let target = this.next[state]!.get(unit);
      while (target === undefined && state !== 0) {
        state = this.fail[state]!;
        target = this.next[state]!.get(unit);
      }
      state = target ?? 0;
      if (this.output[state]) return true;
    }
    return false;
  }
}
