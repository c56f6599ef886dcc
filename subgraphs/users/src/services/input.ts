import type { z } from 'zod';
import { UsersError, UsersErrorCode } from '../errors.ts';

/**
 * Parses a service's input with its zod schema. A failure is `BAD_USER_INPUT` naming the
 * fields only: the values (passwords, addresses) never reach a message or a log.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields = [...new Set(result.error.issues.map((issue) => issue.path.join('.') || 'input'))];
  throw new UsersError(UsersErrorCode.InvalidInput, `Invalid value for: ${fields.join(', ')}`);
}

/** What the services need to know about the caller (from the signed assertion), transport-free. */
export interface Caller {
  userId: string | null;
  /** The session's handle (a hash of the token), never the token. */
  sessionId: string | null;
  authenticatedAt: number | null;
  /** For rate limits only; never logged. 'unknown' when the gateway did not say. */
  ip: string;
}

/** Bounds for free-text inputs: long enough for anything real, short enough to refuse abuse early. */
export const LIMITS = { token: 256, email: 320, password: 1024, name: 200 } as const;
