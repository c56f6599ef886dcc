import type { Connection } from 'mongoose';
import { rateLimitModel } from './rate-limit.ts';
import { sessionModel } from './session-store.ts';
import { tokenModel } from './tokens.ts';

const ready = new WeakMap<Connection, Promise<unknown>>();

/**
 * Creates the indexes of `sessions`, `auth_tokens` and `rate_limits` (lookups and the TTL
 * indexes that delete expired records) once per connection. Call it at service start-up.
 */
export function ensureAuthIndexes(db: Connection): Promise<unknown> {
  let pending = ready.get(db);
  if (pending === undefined) {
    pending = Promise.all([sessionModel(db).createIndexes(), tokenModel(db).createIndexes(), rateLimitModel(db).createIndexes()]);
    ready.set(db, pending);
    pending.catch(() => ready.delete(db));
  }
  return pending;
}
