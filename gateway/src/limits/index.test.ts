import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, limitRules, resolveLimits } from './index.ts';

describe('resolveLimits', () => {
  it('keeps defaults for what is not given', () => {
    expect(resolveLimits({ maxDepth: 7, maxAliases: undefined })).toEqual({ ...DEFAULT_LIMITS, maxDepth: 7 });
  });

  it('builds three validation rules and the parser token limit', () => {
    const { validationRules, parseOptions } = limitRules(resolveLimits());
    expect(validationRules).toHaveLength(3);
    expect(parseOptions).toEqual({ maxTokens: DEFAULT_LIMITS.maxTokens });
  });
});
