import { describe, expect, it } from 'vitest';
import { groupBy, hasDistinctPeople, median, suppressedMedian } from './aggregate.ts';

describe('statistics aggregates', () => {
  it('takes the median of odd and even counts, null for none', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });

  it('counts distinct people, not items', () => {
    const items = [{ personId: 'a' }, { personId: 'a' }, { personId: 'b' }];
    expect(hasDistinctPeople(items, 2)).toBe(true);
    expect(hasDistinctPeople(items, 3)).toBe(false);
  });

  it('suppresses a median over fewer than k distinct people', () => {
    const items = [1, 2, 3, 4].map((value, i) => ({ personId: i < 3 ? `p${i}` : 'p0', value }));
    expect(suppressedMedian(items, 4, (item) => item.value)).toBeNull();
    expect(suppressedMedian(items, 3, (item) => item.value)).toBe(2.5);
  });

  it('groups in first-seen order', () => {
    expect([...groupBy(['b1', 'a1', 'b2'], (s) => s[0]!)]).toEqual([
      ['b', ['b1', 'b2']],
      ['a', ['a1']],
    ]);
  });
});
