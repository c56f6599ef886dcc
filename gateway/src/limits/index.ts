import type { ParseOptions, ValidationRule } from 'graphql';
import { DEFAULT_LIMITS, type Limits } from './limits.ts';
import { maxAliasesRule } from './max-aliases.ts';
import { maxDepthRule } from './max-depth.ts';
import { maxDirectivesRule } from './max-directives.ts';
import { tokenLimitParseOptions } from './max-tokens.ts';

export { DEFAULT_LIMITS, LIMIT_CODES, type LimitCode, type Limits } from './limits.ts';
export { tokenLimitMessage, tokenLimitOf } from './max-tokens.ts';
export { maxAliasesRule, maxDepthRule, maxDirectivesRule };

/** Defaults overridden by what is given. */
export function resolveLimits(overrides: Partial<Limits> = {}): Limits {
  const limits = { ...DEFAULT_LIMITS };
  for (const key of Object.keys(DEFAULT_LIMITS) as (keyof Limits)[]) {
    const value = overrides[key];
    if (value !== undefined) limits[key] = value;
  }
  return limits;
}

/** The validation rules and parse options that enforce `limits` in Apollo Server. */
export function limitRules(limits: Limits): { validationRules: ValidationRule[]; parseOptions: ParseOptions } {
  return {
    validationRules: [
      maxDepthRule(limits.maxDepth),
      maxAliasesRule(limits.maxAliases),
      maxDirectivesRule(limits.maxDirectives),
    ],
    parseOptions: tokenLimitParseOptions(limits.maxTokens),
  };
}
