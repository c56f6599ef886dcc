import { findPage, type Page } from '@leadgraph/db';
import type { UserModel, UserRecord } from '../models/user.ts';
import { pageRequest } from './page-request.ts';

/** A page of all users, newest first. */
export function listUsers(
  User: UserModel,
  args: { first?: number | null; after?: string | null },
): Promise<Page<UserRecord>> {
  return findPage<UserRecord>(User, {}, pageRequest(args.first, args.after));
}
