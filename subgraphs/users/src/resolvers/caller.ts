import type { Context } from '../context.ts';
import type { Caller } from '../services/input.ts';

/** The caller as the services see it: ids from the signed assertion, the address for rate limits. */
export function callerOf(ctx: Context): Caller {
  const { userId, sessionId, authenticatedAt, clientIp } = ctx.identity;
  return { userId, sessionId, authenticatedAt, ip: clientIp ?? 'unknown' };
}
