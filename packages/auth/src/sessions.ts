import { Lucia, TimeSpan } from 'lucia';
import type { Connection } from 'mongoose';
import type { Identity, Role } from '@leadgraph/identity';
import type { Logger } from '@leadgraph/logging';
import { isSessionTokenShaped } from './cookies.ts';
import { AuthError, AuthErrorCode } from './errors.ts';
import { createMongoSessionAdapter, sessionHandle, sessionModel, type FindSessionUser, type SessionUser } from './session-store.ts';

/** A session as the rest of the code sees it; the token is never part of it. */
export interface SessionInfo {
  /** SHA-256 of the token: names the session in lists, logs and the identity assertion. */
  handle: string;
  userId: string;
  /** Role recorded at sign-in. */
  role: Role;
  /** Last real authentication (sign-in or password re-entry). */
  authenticatedAt: Date;
  expiresAt: Date;
  /** True when this validation renewed the expiry: send a new cookie. */
  fresh: boolean;
}

export interface ValidatedSession {
  session: SessionInfo;
  /** The user as the users subgraph sees them now (their current role). */
  user: SessionUser & { id: string };
}

export interface SessionManagerOptions {
  db: Connection;
  findUser: FindSessionUser;
  /**
   * Idle lifetime. A session not used for this long ends; a session used in the second half
   * of its lifetime is renewed for a full one (lucia's sliding renewal). Default 30 days.
   */
  idleLifetimeMs?: number;
  /** Hard cap after the last real authentication, renewal or not. Default 90 days. */
  absoluteLifetimeMs?: number;
  /** Security events (session created, ended); only user ids and short handles are logged. */
  logger?: Logger;
}

const DAY_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_IDLE_LIFETIME_MS = 30 * DAY_MS;
export const DEFAULT_ABSOLUTE_LIFETIME_MS = 90 * DAY_MS;

export type SessionManager = ReturnType<typeof createSessionManager>;

/**
 * Sessions on lucia v3 with tokens stored hashed in MongoDB. Cookies are built separately
 * (`sessionCookie`, `blankSessionCookie`, `readSessionToken`), so this works the same
 * behind any HTTP layer.
 */
export function createSessionManager(options: SessionManagerOptions) {
  const idle = options.idleLifetimeMs ?? DEFAULT_IDLE_LIFETIME_MS;
  const absolute = options.absoluteLifetimeMs ?? DEFAULT_ABSOLUTE_LIFETIME_MS;
  const sessions = sessionModel(options.db);
  const log = options.logger;
  const lucia = new Lucia(createMongoSessionAdapter(options.db, options.findUser), {
    sessionExpiresIn: new TimeSpan(Math.max(1, Math.round(idle / 1000)), 's'),
    getSessionAttributes: (attributes) => attributes,
    getUserAttributes: (attributes) => attributes,
  });

  // lucia stays inside: its own cookie helpers would use its default cookie name, and its
  // invalidateSession cannot take the handles that listUserSessions returns.
  return {
    /**
     * A new session after a successful sign-in, with a new random token (never reuse one the
     * client sent: that would allow session fixation). Returns the token for the cookie once;
     * only its hash is stored.
     */
    async createSession(userId: string, attributes: { role: Role; authenticatedAt?: Date }): Promise<{ token: string; session: SessionInfo }> {
      const authenticatedAt = attributes.authenticatedAt ?? new Date();
      const created = await lucia.createSession(userId, { role: attributes.role, authenticatedAt });
      const session = { handle: sessionHandle(created.id), userId, role: attributes.role, authenticatedAt, expiresAt: created.expiresAt, fresh: true };
      log?.info({ event: 'session.created', userId, session: session.handle.slice(0, 12) }, 'session created');
      return { token: created.id, session };
    },

    /**
     * The session and user for a token, or null when the token is malformed, unknown, expired,
     * past its absolute lifetime, or its user is gone (the last three also delete it).
     */
    async validateSessionToken(token: string, now: Date = new Date()): Promise<ValidatedSession | null> {
      if (!isSessionTokenShaped(token)) return null;
      const { session, user } = await lucia.validateSession(token);
      if (session === null) return null;
      if (now.getTime() - session.authenticatedAt.getTime() > absolute) {
        await lucia.invalidateSession(token);
        log?.info({ event: 'session.expired', userId: session.userId, reason: 'absolute-lifetime' }, 'session ended');
        return null;
      }
      const info: SessionInfo = {
        handle: sessionHandle(token),
        userId: session.userId,
        role: session.role,
        authenticatedAt: session.authenticatedAt,
        expiresAt: session.expiresAt,
        fresh: session.fresh,
      };
      return { session: info, user: { id: user.id, role: user.role } };
    },

    /** Log out: ends the session of this token (no error when it is already gone). */
    async invalidateSession(token: string): Promise<void> {
      if (isSessionTokenShaped(token)) await lucia.invalidateSession(token);
    },

    /**
     * Log out everywhere, or (with `except`, the current token) everywhere else: what a
     * password change or reset does. Returns how many sessions ended.
     */
    async invalidateUserSessions(userId: string, opts: { except?: string } = {}): Promise<number> {
      const filter = opts.except === undefined ? { userId } : { userId, _id: { $ne: sessionHandle(opts.except) } };
      const result = await sessions.deleteMany(filter);
      log?.info({ event: 'session.invalidated-all', userId, kept: opts.except !== undefined, count: result.deletedCount }, 'sessions ended');
      return result.deletedCount;
    },

    /** The user's live sessions, oldest first, for a "where you're signed in" page. */
    async listUserSessions(userId: string, now: Date = new Date()): Promise<SessionInfo[]> {
      const records = await sessions.find({ userId, expiresAt: { $gt: now } }).sort({ createdAt: 1 }).lean();
      return records.map((r) => ({ handle: r._id, userId: r.userId, role: r.role, authenticatedAt: r.authenticatedAt, expiresAt: r.expiresAt, fresh: false }));
    },

    /** Ends one of the user's sessions by handle (from `listUserSessions`); false if it is not theirs or gone. */
    async revokeSession(userId: string, handle: string): Promise<boolean> {
      const result = await sessions.deleteOne({ _id: handle, userId });
      return result.deletedCount === 1;
    },

    /** Records a password re-entry on this session, so `isRecentlyAuthenticated` holds again. */
    async markAuthenticated(token: string, at: Date = new Date()): Promise<boolean> {
      if (!isSessionTokenShaped(token)) return false;
      const result = await sessions.updateOne({ _id: sessionHandle(token) }, { $set: { authenticatedAt: at } });
      return result.matchedCount === 1;
    },

    /** Deletes expired sessions now (the TTL index does it eventually anyway). */
    async deleteExpiredSessions(): Promise<void> {
      await lucia.deleteExpiredSessions();
    },
  };
}

/**
 * Whether the last real authentication was within `minutes` of `now`. A missing time answers
 * false; a time more than a minute in the future (a clock gone wrong) answers false too.
 */
export function isRecentlyAuthenticated(authenticatedAt: Date | number | null | undefined, minutes: number, now: Date | number = Date.now()): boolean {
  if (authenticatedAt === null || authenticatedAt === undefined) return false;
  const at = typeof authenticatedAt === 'number' ? authenticatedAt : authenticatedAt.getTime();
  const nowMs = typeof now === 'number' ? now : now.getTime();
  if (!Number.isFinite(at) || at > nowMs + 60_000) return false;
  return nowMs - at <= minutes * 60_000;
}

/** Throws `AuthError(REAUTH_REQUIRED)` unless `isRecentlyAuthenticated`. */
export function requireRecentAuthentication(authenticatedAt: Date | number | null | undefined, minutes: number, now: Date | number = Date.now()): void {
  if (!isRecentlyAuthenticated(authenticatedAt, minutes, now)) throw new AuthError(AuthErrorCode.ReauthRequired);
}

/**
 * The identity the gateway signs for a validated session. `sessionId` is the handle (the
 * token's hash), never the token: subgraphs and logs must not hold a usable credential.
 */
export function identityForSession(
  validated: ValidatedSession,
  scopes: string[] = [],
  clientIp: string | null = null,
): Identity {
  return {
    userId: validated.user.id,
    role: validated.user.role,
    sessionId: validated.session.handle,
    authenticatedAt: validated.session.authenticatedAt.getTime(),
    scopes: [...scopes],
    clientIp,
  };
}
