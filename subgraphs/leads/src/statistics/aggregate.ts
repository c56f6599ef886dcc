/**
 * Small-group suppression (k-anonymity) helpers for partner statistics: a figure is computed
 * only over at least `k` distinct people, so no published number describes one person (or a
 * handful who could be told apart).
 */

/** The median of some numbers (the mean of the two middle ones for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Items carrying the id of the person they are about. */
export interface PersonItem {
  personId: string;
}

/** Whether the items concern at least `k` distinct people. */
export function hasDistinctPeople(items: readonly PersonItem[], k: number): boolean {
  return new Set(items.map((item) => item.personId)).size >= k;
}

/** The median of `value` over the items, or null when they concern fewer than `k` distinct people. */
export function suppressedMedian<T extends PersonItem>(items: readonly T[], k: number, value: (item: T) => number): number | null {
  return hasDistinctPeople(items, k) ? median(items.map(value)) : null;
}

/** Groups items by a key, in first-seen order. */
export function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [item]);
    else group.push(item);
  }
  return groups;
}
