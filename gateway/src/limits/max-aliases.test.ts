import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from './limits.ts';
import { maxAliasesRule } from './max-aliases.ts';
import { check, codes } from './test-schema.ts';

const aliases = (count: number) =>
  `{ ${Array.from({ length: count }, (_, i) => `a${i}: users { id }`).join(' ')} }`;

describe('maxAliasesRule', () => {
  it('accepts the default maximum and rejects 101 aliases', () => {
    expect(check(maxAliasesRule(DEFAULT_LIMITS.maxAliases), aliases(100))).toEqual([]);
    const errors = check(maxAliasesRule(DEFAULT_LIMITS.maxAliases), aliases(101));
    expect(codes(errors)).toEqual(['TOO_MANY_ALIASES']);
    expect(errors[0]!.message).toBe('Operation has 101 aliases; the maximum is 100.');
  });

  it('counts a fragment once per spread', () => {
    const source = `
      { user(id: "1") { ...F friends { ...F } } users { ...F } }
      fragment F on User { x: id y: name }
    `;
    expect(check(maxAliasesRule(6), source)).toEqual([]);
    expect(codes(check(maxAliasesRule(5), source))).toEqual(['TOO_MANY_ALIASES']);
  });

  it('checks each operation of a document on its own', () => {
    const source = 'query A { a: users { id } } query B { b: users { id } }';
    expect(check(maxAliasesRule(1), source)).toEqual([]);
  });
});
