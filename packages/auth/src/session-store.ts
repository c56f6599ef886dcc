import type { Adapter, DatabaseSession, DatabaseUser, Lucia } from 'lucia';
import { Schema, type Connection, type Model } from 'mongoose';
import type { Role } from '@leadgraph/identity';
import { sha256Hex } from './hash.ts';

/** What lucia keeps on a session besides its id, user and expiry. */
export interface SessionAttributes {
  /** The role the user had when the session was created. */
  role: Role;
  /** The last time the user proved who they are (password entry), not the last renewal. */
  authenticatedAt: Date;
}

/** What the users subgraph says about a session's user; null ends the session (deleted, blocked). */
export interface SessionUser {
  role: Role;
}

/** Looks a user up by id for the adapter, which does not own the users model. */
export type FindSessionUser = (userId: string) => Promise<SessionUser | null>;

declare module 'lucia' {
  interface Register {
    Lucia: Lucia<SessionAttributes, SessionUser>;
    DatabaseSessionAttributes: SessionAttributes;
    DatabaseUserAttributes: SessionUser;
  }
}

/**
 * One stored session. `_id` is the SHA-256 of the token, so a copy of the database does not
 * contain a usable cookie; the hash doubles as a "handle" that names the session in lists
 * and in the identity assertion without revealing the token.
 */
export interface SessionRecord {
  _id: string;
  userId: string;
  expiresAt: Date;
  role: Role;
  authenticatedAt: Date;
  createdAt: Date;
}

export const SESSIONS_COLLECTION = 'sessions';
const MODEL_NAME = 'AuthSession';

const sessionSchema = new Schema<SessionRecord>(
  {
    _id: { type: String, required: true },
    userId: { type: String, required: true },
    expiresAt: { type: Date, required: true },
    role: { type: String, required: true },
    authenticatedAt: { type: Date, required: true },
    createdAt: { type: Date, required: true, default: () => new Date() },
  },
  { collection: SESSIONS_COLLECTION, versionKey: false },
);
// Log out everywhere and the session list find a user's sessions.
sessionSchema.index({ userId: 1 });
// MongoDB's TTL monitor removes expired sessions (about once a minute); lucia also refuses them on read.
sessionSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

/** The sessions model on a connection (registered once per connection). */
export function sessionModel(db: Connection): Model<SessionRecord> {
  return (db.models[MODEL_NAME] as Model<SessionRecord> | undefined) ?? db.model<SessionRecord>(MODEL_NAME, sessionSchema);
}

/** The stored id (and public handle) of a session token. */
export function sessionHandle(token: string): string {
  return sha256Hex(token);
}

function toDatabaseSession(record: SessionRecord, id: string): DatabaseSession {
  return {
    id,
    userId: record.userId,
    expiresAt: record.expiresAt,
    attributes: { role: record.role, authenticatedAt: record.authenticatedAt },
  };
}

/**
 * lucia v3's `Adapter` over the `sessions` collection. Every id lucia passes in is a token
 * and is hashed before it touches the database. `getUserSessions` cannot know tokens, so the
 * sessions it returns carry their handle as `id`; passing such an id back to lucia's
 * `invalidateSession` deletes nothing (fails closed) — use `SessionManager.revokeSession`.
 */
export function createMongoSessionAdapter(db: Connection, findUser: FindSessionUser): Adapter {
  const sessions = sessionModel(db);
  return {
    async getSessionAndUser(sessionId: string): Promise<[DatabaseSession | null, DatabaseUser | null]> {
      const record = await sessions.findById(sessionHandle(sessionId)).lean<SessionRecord>();
      if (record === null) return [null, null];
      const user = await findUser(record.userId);
      return [toDatabaseSession(record, sessionId), user === null ? null : { id: record.userId, attributes: user }];
    },
    async getUserSessions(userId: string): Promise<DatabaseSession[]> {
      const records = await sessions.find({ userId }).sort({ createdAt: 1 }).lean<SessionRecord[]>();
      return records.map((record) => toDatabaseSession(record, record._id));
    },
    async setSession(session: DatabaseSession): Promise<void> {
      await sessions.create({
        _id: sessionHandle(session.id),
        userId: session.userId,
        expiresAt: session.expiresAt,
        role: session.attributes.role,
        authenticatedAt: session.attributes.authenticatedAt,
      });
    },
    async updateSessionExpiration(sessionId: string, expiresAt: Date): Promise<void> {
      await sessions.updateOne({ _id: sessionHandle(sessionId) }, { $set: { expiresAt } });
    },
    async deleteSession(sessionId: string): Promise<void> {
      await sessions.deleteOne({ _id: sessionHandle(sessionId) });
    },
    async deleteUserSessions(userId: string): Promise<void> {
      await sessions.deleteMany({ userId });
    },
    async deleteExpiredSessions(): Promise<void> {
      await sessions.deleteMany({ expiresAt: { $lte: new Date() } });
    },
  };
}
