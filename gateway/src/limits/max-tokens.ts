import type { ParseOptions } from 'graphql';

/**
 * The token limit is enforced by graphql-js's parser itself (`parseOptions.maxTokens`), which
 * stops lexing at the limit so a token flood costs little. Apollo Server reports it as a
 * GRAPHQL_PARSE_FAILED syntax error; `isTokenLimitError` recognises it so the gateway can give
 * it its own code (graphql 16.15 spells it "more that N tokens", later versions may fix it).
 */
export function tokenLimitParseOptions(maxTokens: number): ParseOptions {
  return { maxTokens };
}

const TOKEN_LIMIT_MESSAGE = /Document contains more (?:that|than) (\d+) tokens/;

/** The limit named in a parse error's message when it is the token limit, else undefined. */
export function tokenLimitOf(message: string): number | undefined {
  const match = TOKEN_LIMIT_MESSAGE.exec(message);
  return match ? Number(match[1]) : undefined;
}

export function tokenLimitMessage(maxTokens: number): string {
  return `Document has more than ${maxTokens} tokens; parsing stopped.`;
}
