import { getIntrospectionQuery } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from './limits.ts';
import { maxDepthRule } from './max-depth.ts';
import { check, codes, nested } from './test-schema.ts';

describe('maxDepthRule', () => {
  it('accepts an operation at the limit and rejects one past it', () => {
    expect(check(maxDepthRule(5), nested(5))).toEqual([]);
    const errors = check(maxDepthRule(5), nested(6));
    expect(codes(errors)).toEqual(['QUERY_TOO_DEEP']);
    expect(errors[0]!.message).toBe('Query depth 6 exceeds the maximum of 5.');
  });

  it('counts depth through fragments and inline fragments', () => {
    const source = `
      query Q { user(id: "1") { ...A } }
      fragment A on User { friends { ... on User { ...B } } }
      fragment B on User { friends { friends { id } } }
    `;
    expect(check(maxDepthRule(5), source)).toEqual([]);
    expect(codes(check(maxDepthRule(4), source))).toEqual(['QUERY_TOO_DEEP']);
  });

  it('rejects a hostile depth of 30 with the default limit', () => {
    expect(codes(check(maxDepthRule(DEFAULT_LIMITS.maxDepth), nested(30)))).toEqual(['QUERY_TOO_DEEP']);
  });

  it('lets the full introspection query through with the default limit', () => {
    expect(check(maxDepthRule(DEFAULT_LIMITS.maxDepth), getIntrospectionQuery())).toEqual([]);
  });

  it('survives a fragment cycle (reported by the standard rule, not this one)', () => {
    const source = 'query { user(id: "1") { ...A } } fragment A on User { friends { ...A } }';
    expect(codes(check(maxDepthRule(3), source))).not.toContain('QUERY_TOO_DEEP');
  });
});
