import type { Connection } from 'mongoose';
import { sessionModel } from './session-store.ts';
import { tokenModel } from './tokens.ts';

/**
 * Removes everything this package keeps about a user: every session (they are signed out
 * everywhere) and every one-time token, used or not. For account deletion and the privacy
 * subgraph's erasure. Rate-limit records are keyed by pseudonyms of the email and address,
 * hold no user id and expire on their own within hours, so they are left to their TTL.
 */
export async function eraseUserAuthData(db: Connection, userId: string): Promise<{ sessions: number; tokens: number }> {
  const [sessions, tokens] = await Promise.all([sessionModel(db).deleteMany({ userId }), tokenModel(db).deleteMany({ userId })]);
  return { sessions: sessions.deletedCount, tokens: tokens.deletedCount };
}
