import type { z } from 'zod';
import { invalidInput } from '../errors.ts';

/**
 * Parses `value` with `schema`; the first problem becomes `BAD_USER_INPUT` with
 * `extensions.field` its path under `root` (e.g. `input.budget.max`). The message names the
 * field and the rule, never the value.
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, root = 'input'): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = [root, ...(issue?.path ?? []).map(String)].join('.');
  throw invalidInput(field, `${field}: ${issue?.message ?? 'invalid'}`);
}
