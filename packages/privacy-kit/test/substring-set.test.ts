import { describe, expect, it } from 'vitest';
import { SubstringSet } from '../src/substring-set.ts';

describe('SubstringSet', () => {
  it('finds any needle anywhere in a text, including overlapping and nested ones', () => {
    const set = new SubstringSet(['he', 'she', 'his', 'hers']);
    expect(set.containsAny('ushers')).toBe(true);
    expect(set.containsAny('ahishe')).toBe(true);
    expect(set.containsAny('xyz')).toBe(false);
    expect(new SubstringSet(['abcd', 'bc']).containsAny('abc')).toBe(true);
    expect(new SubstringSet(['abcd', 'cdx']).containsAny('abcdx')).toBe(true);
    expect(new SubstringSet(['aab']).containsAny('aaab')).toBe(true);
  });

  it('agrees with includes() on random texts and needles', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const word = (length: number) => Array.from({ length }, () => 'abc'[Math.floor(random() * 3)]).join('');
    for (let round = 0; round < 200; round++) {
      const needles = Array.from({ length: 1 + Math.floor(random() * 6) }, () => word(1 + Math.floor(random() * 4)));
      const text = word(Math.floor(random() * 12));
      expect(new SubstringSet(needles).containsAny(text)).toBe(needles.some((needle) => text.includes(needle)));
    }
  });

  it('matches nothing with no needles, and non-ASCII text by code units', () => {
    expect(new SubstringSet([]).containsAny('anything')).toBe(false);
    expect(new SubstringSet(['zoë', '東京']).containsAny('visit 東京 soon')).toBe(true);
  });
});
