import { z } from 'zod';
import { parseObjectId } from '@leadgraph/db';
import { ReviewsError, ReviewsErrorCode } from '../errors.ts';

/**
 * Parses an input with its zod schema. A failure is `BAD_USER_INPUT` naming the fields only
 * (`extensions.fields`): the values (review texts) never reach a message or a log.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields = [...new Set(result.error.issues.map((issue) => issue.path.join('.') || 'input'))];
  throw new ReviewsError(ReviewsErrorCode.InvalidInput, `Invalid value for: ${fields.join(', ')}`, fields);
}

/** A 24-character hex ObjectId, as its lower-case hex string. */
export const objectIdString = z
  .string()
  .refine((value) => parseObjectId(value) !== null)
  .transform((value) => parseObjectId(value)!.toHexString());

/** Trimmed free text between `min` and `max` characters. */
export const text = (min: number, max: number) => z.string().trim().min(min).max(max);
