/**
 * Limits on the shape of an operation, checked before the gateway plans or fetches
 * anything. Each one rejects with HTTP 400 and its own `extensions.code`.
 */
export interface Limits {
  /** Deepest nesting of fields, fragments expanded (`{ a { b } }` is 2). */
  maxDepth: number;
  /** Aliases in one operation, counting a fragment once per spread. */
  maxAliases: number;
  /** Directives in one operation, counting a fragment once per spread. */
  maxDirectives: number;
  /** Lexical tokens in the whole document (parse stops at the limit). */
  maxTokens: number;
}

/** Large enough for the full introspection query and every real client operation. */
export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  maxDepth: 15,
  maxAliases: 100,
  maxDirectives: 50,
  maxTokens: 5_000,
});

/** The `extensions.code` of each limit's error. */
export const LIMIT_CODES = {
  maxDepth: 'QUERY_TOO_DEEP',
  maxAliases: 'TOO_MANY_ALIASES',
  maxDirectives: 'TOO_MANY_DIRECTIVES',
  maxTokens: 'TOO_MANY_TOKENS',
} as const satisfies Record<keyof Limits, string>;

export type LimitCode = (typeof LIMIT_CODES)[keyof Limits];
