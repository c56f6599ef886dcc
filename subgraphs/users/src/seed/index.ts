import { randomBytes } from 'node:crypto';
import type { Connection, Types } from 'mongoose';
import type { Role } from '@leadgraph/identity';
import { userModel, type UserRecord } from '../models/user.ts';
import { proImageModel } from '../models/pro-image.ts';
import { proVerificationAuditModel } from '../models/pro-verification-audit.ts';
import { FIRST_NAMES, LAST_NAMES, TRADES, pick } from './words.ts';
import type { ProProfileSeed } from './pro-profiles.ts';

/**
 * Seed factories for users: tests and `pnpm seed` build data with these. Each returns what
 * it created, as read back from the database.
 */
export interface UserOverrides {
  name?: string;
  role?: Role;
  /** Default: a unique address under `example.com`. */
  email?: string;
  /** Default: verified now. Null: not verified. */
  emailVerifiedAt?: Date | null;
  /** An argon2id hash (`hashPassword`); default none (the account cannot sign in). */
  passwordHash?: string | null;
  companyName?: string | null;
  createdAt?: Date;
  /** A pro's profile (`fakeProProfile` makes one); default none. */
  proProfile?: ProProfileSeed | null;
  /** Default: the database picks one. Seeds pass stable ids (`seedUserId`). */
  _id?: Types.ObjectId;
  /** Default: active. */
  disabledAt?: Date | null;
}

/** A plausible display name for a role: a person, or for some pros a trading name. */
export function fakeUserName(role: Role, random: () => number = Math.random): string {
  const person = `${pick(FIRST_NAMES, random)} ${pick(LAST_NAMES, random)}`;
  if (role === 'pro' && random() < 0.3) return `${pick(LAST_NAMES, random)} ${pick(TRADES, random)}`;
  return person;
}

function fakeUser(overrides: UserOverrides) {
  const role = overrides.role ?? (Math.random() < 0.7 ? 'client' : 'pro');
  return {
    name: overrides.name ?? fakeUserName(role),
    role,
    email: overrides.email ?? `user-${randomBytes(6).toString('hex')}@example.com`,
    emailVerifiedAt: overrides.emailVerifiedAt === undefined ? new Date() : overrides.emailVerifiedAt,
    passwordHash: overrides.passwordHash ?? null,
    companyName: overrides.companyName ?? null,
    ...(overrides.createdAt === undefined ? {} : { createdAt: overrides.createdAt }),
    ...(overrides.proProfile == null ? {} : { proProfile: overrides.proProfile }),
    ...(overrides._id === undefined ? {} : { _id: overrides._id }),
    ...(overrides.disabledAt === undefined ? {} : { disabledAt: overrides.disabledAt }),
  };
}

/** Creates one user (a client or a pro at random unless `role` is given). */
export async function createUser(db: Connection, overrides: UserOverrides = {}): Promise<UserRecord> {
  const [user] = await createUsers(db, 1, overrides);
  return user as UserRecord;
}

/** Creates `n` users in one insert; `overrides` apply to each. Returned in insertion order. */
export function createUsers(db: Connection, n: number, overrides: UserOverrides = {}): Promise<UserRecord[]> {
  return insertUsers(db, Array.from({ length: n }, () => overrides));
}

/** Creates one user per entry (each with its own overrides) in one insert, in order. */
export async function insertUsers(db: Connection, inputs: readonly UserOverrides[]): Promise<UserRecord[]> {
  const docs = await userModel(db).insertMany(inputs.map(fakeUser));
  return docs.map((doc) => doc.toObject() as UserRecord);
}

/**
 * Removes every user, with their images (listing and GridFS bytes) and the verification audit:
 * what `pnpm seed` does before filling the demo data. Returns the number of users removed.
 */
export async function clearUsers(db: Connection): Promise<number> {
  const { deletedCount } = await userModel(db).deleteMany({});
  await proImageModel(db).deleteMany({});
  await proVerificationAuditModel(db).deleteMany({});
  await Promise.all(['pro_media.files', 'pro_media.chunks'].map((name) => db.collection(name).deleteMany({})));
  return deletedCount;
}

export { SEED_PASSWORD, seedEmail, seedMarketplace, seedUserId, type SeededAccount, type SeededMarketplace, type SeededPro } from './marketplace.ts';
export { SEED_AREAS, SEED_COUNTRIES, fakeProProfile, type ProProfileSeed, type ProProfileSeedOptions } from './pro-profiles.ts';
