import { createRateLimiter, createSessionManager, ensureAuthIndexes, type Argon2Params, type AuthDeps } from '@leadgraph/auth';
import { parseObjectId } from '@leadgraph/db';
import type { Logger } from '@leadgraph/logging';
import type { Connection } from 'mongoose';
import type { UserModel, UserRecord } from '../models/user.ts';
import { createAccountStore } from './account-store.ts';

/**
 * The auth flows' dependencies on the users database: sessions (collection names as
 * `@leadgraph/auth` defines them, shared with the gateway's session check), the rate limiter
 * and the account store. A disabled user has no sessions.
 */
export async function createAuthDeps(options: {
  db: Connection;
  User: UserModel;
  logger: Logger;
  pepper?: string | undefined;
  argon2?: Argon2Params | undefined;
}): Promise<AuthDeps> {
  await ensureAuthIndexes(options.db);
  const sessions = createSessionManager({
    db: options.db,
    logger: options.logger,
    findUser: async (userId) => {
      const id = parseObjectId(userId);
      const user = id === null ? null : await options.User.findById(id, { role: 1, disabledAt: 1 }).lean<UserRecord>();
      return user === null || user.disabledAt != null ? null : { role: user.role };
    },
  });
  return {
    db: options.db,
    accounts: createAccountStore(options.User),
    sessions,
    limiter: createRateLimiter(options.db, { logger: options.logger }),
    logger: options.logger,
    ...(options.pepper === undefined ? {} : { pepper: options.pepper }),
    ...(options.argon2 === undefined ? {} : { argon2: options.argon2 }),
  };
}
