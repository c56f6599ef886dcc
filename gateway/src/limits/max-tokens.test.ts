import { GraphQLError, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { tokenLimitOf, tokenLimitParseOptions } from './max-tokens.ts';

describe('token limit', () => {
  it('is enforced by the parser and recognised from its message', () => {
    const flood = `{ ${'__typename '.repeat(6_000)}}`;
    let thrown: unknown;
    try {
      parse(flood, tokenLimitParseOptions(5_000));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(GraphQLError);
    expect(tokenLimitOf((thrown as GraphQLError).message)).toBe(5_000);
  });

  it('lets a document under the limit through', () => {
    expect(() => parse(`{ ${'__typename '.repeat(100)}}`, tokenLimitParseOptions(5_000))).not.toThrow();
  });

  it('does not mistake other syntax errors for the limit', () => {
    expect(tokenLimitOf('Syntax Error: Expected Name, found <EOF>.')).toBeUndefined();
  });
});
