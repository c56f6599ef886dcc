import {
  blankSessionCookie,
  createSessionManager,
  identityForSession,
  readSessionToken,
  sessionCookie,
  type CookieSecurity,
  type SessionUser,
} from '@leadgraph/auth';
import { connectDatabase, parseObjectId, pingDatabase } from '@leadgraph/db';
import { ANONYMOUS, ROLES, type Identity, type Role } from '@leadgraph/identity';
import type { Logger } from '@leadgraph/logging';
import type { SessionHandoff } from './handoff.ts';

export const DEFAULT_USERS_DB_NAME = 'leadgraph_users';

export interface GatewaySessionsOptions {
  mongoUri: string;
  /** The users subgraph's database, where sessions and users live. */
  usersDbName: string;
  security: CookieSecurity;
  logger: Logger;
}

/** Who the caller is, and the cookie to send back (a renewal, or the removal of a bad one). */
export interface ResolvedSession {
  identity: Identity;
  setCookie: string | null;
}

export interface GatewaySessions {
  /** Validates the request's session cookie once: the identity to sign and the cookie to send. */
  resolve(cookieHeader: string | undefined, clientIp: string | null): Promise<ResolvedSession>;
  /** The `Set-Cookie` value for the users subgraph's handoff. */
  cookieFor(handoff: SessionHandoff): string;
  /** Whether the sessions database answers a ping (for `/health`). */
  ping(): Promise<boolean>;
  /** The users database connection, shared with the API-key lookup (`api-keys/`). */
  readonly db: Awaited<ReturnType<typeof connectDatabase>>;
  close(): Promise<void>;
}

/**
 * The gateway's view of cookie sessions: a connection to the users database, a lucia session
 * manager on it (sliding renewal), and the user lookup the manager asks for. A user that is
 * gone, disabled (`disabledAt` set) or has an unknown role ends the session. The gateway
 * never creates sessions: the users subgraph does, and hands the token over (`handoff.ts`).
 */
export async function openGatewaySessions(options: GatewaySessionsOptions): Promise<GatewaySessions> {
  const connection = await connectDatabase(options.mongoUri, options.usersDbName);
  const users = connection.collection('users');
  const findUser = async (userId: string): Promise<SessionUser | null> => {
    // Ids are ObjectIds; a non-hex id (never issued by the users subgraph) is looked up as is.
    const filter: Record<string, unknown> = { _id: parseObjectId(userId) ?? userId };
    const user = await users.findOne(filter, { projection: { role: 1, disabledAt: 1 } });
    if (user === null || (user.disabledAt !== undefined && user.disabledAt !== null)) return null;
    return ROLES.includes(user.role as Role) ? { role: user.role as Role } : null;
  };
  const manager = createSessionManager({ db: connection, findUser, logger: options.logger });
  const { security, logger } = options;
  const anonymous = (clientIp: string | null): Identity => ({ ...ANONYMOUS, scopes: [], clientIp });

  return {
    async resolve(cookieHeader, clientIp) {
      const token = readSessionToken(cookieHeader, security);
      if (token === null) return { identity: anonymous(clientIp), setCookie: null };
      let validated;
      try {
        validated = await manager.validateSessionToken(token);
      } catch (error) {
        // The database is down: anonymous for this request, but keep the cookie.
        logger.warn({ error: (error as Error).name }, 'session lookup failed');
        return { identity: anonymous(clientIp), setCookie: null };
      }
      if (validated === null) return { identity: anonymous(clientIp), setCookie: blankSessionCookie(security) };
      return {
        identity: identityForSession(validated, [], clientIp),
        setCookie: validated.session.fresh ? sessionCookie(token, validated.session.expiresAt, security) : null,
      };
    },
    cookieFor(handoff) {
      return handoff.action === 'set' ? sessionCookie(handoff.token, handoff.expiresAt, security) : blankSessionCookie(security);
    },
    ping: () => pingDatabase(connection),
    db: connection,
    close: () => connection.close(),
  };
}
