import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from './limits.ts';
import { maxDirectivesRule } from './max-directives.ts';
import { check, codes } from './test-schema.ts';

describe('maxDirectivesRule', () => {
  it('rejects 60 directives with the default limit', () => {
    const source = `{ users { id ${'@include(if: true) '.repeat(60)}} }`;
    const errors = check(maxDirectivesRule(DEFAULT_LIMITS.maxDirectives), source);
    expect(codes(errors)).toContain('TOO_MANY_DIRECTIVES');
    expect(errors.find((e) => e.extensions.code)!.message).toBe(
      'Operation has 60 directives; the maximum is 50.',
    );
  });

  it('counts directives on the operation, variables, spreads, inline fragments and fragments', () => {
    const source = `
      query Q($v: Boolean @deprecated) @skip(if: false) {
        users { ...F @include(if: true) ... on User @skip(if: false) { id } }
        user(id: "1") { ...F }
      }
      fragment F on User @skip(if: false) { name @include(if: $v) }
    `;
    // operation 1 + variable 1 + spread 1 + inline 1 + fragment (1 + 1) twice = 8
    expect(codes(check(maxDirectivesRule(8), source))).not.toContain('TOO_MANY_DIRECTIVES');
    expect(codes(check(maxDirectivesRule(7), source))).toContain('TOO_MANY_DIRECTIVES');
  });
});
