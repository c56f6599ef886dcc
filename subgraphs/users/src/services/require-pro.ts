import { parseObjectId } from '@leadgraph/db';
import { UsersError, UsersErrorCode } from '../errors.ts';
import type { UserModel, UserRecord } from '../models/user.ts';

/**
 * The caller's account when it is an active pro. `@access(roles: [PRO])` already checked the
 * signed role; this checks the account itself (a closed account, or a role changed since the
 * session began, is `FORBIDDEN`).
 */
export async function requireActivePro(User: UserModel, userId: string | null): Promise<UserRecord> {
  const id = userId === null ? null : parseObjectId(userId);
  const user = id === null ? null : await User.findById(id).lean<UserRecord>();
  if (user === null || user.role !== 'pro' || user.disabledAt != null) {
    throw new UsersError(UsersErrorCode.NotAllowed, 'Only an active pro account can do this.');
  }
  return user;
}
