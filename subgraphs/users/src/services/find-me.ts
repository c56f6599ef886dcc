import type { Loaders } from '../loaders.ts';
import type { UserRecord } from '../models/user.ts';

/** The signed-in user, or null when anonymous or when the account is gone or closed. */
export async function findMe(userId: string | null, loaders: Loaders): Promise<UserRecord | null> {
  if (userId === null) return null;
  const user = await loaders.userById.load(userId);
  return user === null || user.disabledAt != null ? null : user;
}
