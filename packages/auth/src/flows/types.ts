import type { Connection } from 'mongoose';
import type { Role } from '@leadgraph/identity';
import type { Logger } from '@leadgraph/logging';
import type { Argon2Params } from '../passwords.ts';
import type { RateLimiter } from '../rate-limit.ts';
import type { SessionManager } from '../sessions.ts';

/** An account as the flows need it; the users subgraph maps its model to this. */
export interface AccountRecord {
  id: string;
  role: Role;
  email: string;
  name?: string;
  /** Null for an account that has no password (yet). */
  passwordHash: string | null;
  /** A blocked or erased account cannot sign in; the answer is the same as for a wrong password. */
  disabled?: boolean;
}

/** The users subgraph's side of the flows: it owns the users model, the flows never touch it. */
export interface AccountStore {
  /** By normalised email (`normalizeEmail`). */
  findByEmail(email: string): Promise<AccountRecord | null>;
  findById(userId: string): Promise<AccountRecord | null>;
  setPasswordHash(userId: string, passwordHash: string): Promise<void>;
  /**
   * Stores a new, unverified account and returns its id, or null when the email is taken
   * (a unique index on the normalised email decides races).
   */
  create(account: NewAccount): Promise<string | null>;
  markEmailVerified(userId: string): Promise<void>;
}

/** What sign-up hands to `AccountStore.create`: validated, normalised, password already hashed. */
export interface NewAccount {
  email: string;
  name: string;
  role: 'client' | 'pro';
  passwordHash: string;
  /** `YYYY-MM-DD`, checked to be 18 or older. */
  dateOfBirth: string;
}

/** What the flows run on. One per service instance. */
export interface AuthDeps {
  db: Connection;
  accounts: AccountStore;
  sessions: SessionManager;
  limiter: RateLimiter;
  /** Cost of new hashes and of the dummy verification; production parameters by default. */
  argon2?: Argon2Params;
  /** HMAC key for rate-limit key pseudonyms (see `pseudonym`). */
  pepper?: string;
  logger?: Logger;
}
