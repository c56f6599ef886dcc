import type { AccountRecord, AccountStore, NewAccount } from '@leadgraph/auth';
import { parseObjectId } from '@leadgraph/db';
import type { UserModel, UserRecord } from '../models/user.ts';

const DUPLICATE_KEY = 11000;

/** A users record as the auth flows see it (`disabled` for a closed account). */
export function toAccount(user: UserRecord): AccountRecord {
  return {
    id: user._id.toHexString(),
    role: user.role,
    email: user.email,
    name: user.name,
    passwordHash: user.passwordHash ?? null,
    disabled: user.disabledAt != null,
  };
}

/** Whether a write failed on the unique email index. */
export function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === DUPLICATE_KEY;
}

/**
 * `@leadgraph/auth`'s AccountStore on the users model. `extra` adds fields the flows do not
 * know about (a pro's company name) to the account `create` stores.
 */
export function createAccountStore(User: UserModel, extra: { companyName?: string | null } = {}): AccountStore {
  const byId = async (userId: string) => {
    const id = parseObjectId(userId);
    return id === null ? null : User.findById(id).lean<UserRecord>();
  };
  return {
    async findByEmail(email) {
      const user = await User.findOne({ email }).lean<UserRecord>();
      return user === null ? null : toAccount(user);
    },
    async findById(userId) {
      const user = await byId(userId);
      return user === null ? null : toAccount(user);
    },
    async setPasswordHash(userId, passwordHash) {
      await User.updateOne({ _id: userId }, { $set: { passwordHash } });
    },
    async create(account: NewAccount) {
      try {
        const created = await User.create({ ...account, companyName: extra.companyName ?? null, emailVerifiedAt: null });
        return created._id.toHexString();
      } catch (error) {
        if (isDuplicateKey(error)) return null;
        throw error;
      }
    },
    async markEmailVerified(userId) {
      await User.updateOne({ _id: userId, emailVerifiedAt: null }, { $set: { emailVerifiedAt: new Date() } });
    },
  };
}
