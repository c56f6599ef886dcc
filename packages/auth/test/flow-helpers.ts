import type { Connection } from 'mongoose';
import {
  TEST_ARGON2,
  createRateLimiter,
  createSessionManager,
  ensureAuthIndexes,
  hashPassword,
  type AccountRecord,
  type AuthDeps,
  type NewAccount,
  type ResetMailer,
  type SignUpMailer,
} from '../src/index.ts';
import { userId } from './helpers.ts';

export const PASSWORD = 'violet tractor seventeen lamps';
export const NEW_PASSWORD = 'copper lantern under rain';

type StoredAccount = AccountRecord & { emailVerified?: boolean; dateOfBirth?: string };

/** The users subgraph's side, in memory, with a unique email like the real index. */
export function memoryAccounts(list: StoredAccount[]) {
  const byId = new Map(list.map((a) => [a.id, a]));
  return {
    byId,
    store: {
      findByEmail: async (email: string) => [...byId.values()].find((a) => a.email === email) ?? null,
      findById: async (id: string) => byId.get(id) ?? null,
      setPasswordHash: async (id: string, passwordHash: string) => void byId.set(id, { ...byId.get(id)!, passwordHash }),
      create: async (account: NewAccount) => {
        if ([...byId.values()].some((a) => a.email === account.email)) return null;
        const id = userId();
        byId.set(id, { id, ...account, emailVerified: false });
        return id;
      },
      markEmailVerified: async (id: string) => void byId.set(id, { ...byId.get(id)!, emailVerified: true }),
    },
  };
}

/** One account (Ann, a client), the real session manager and limiter on `db`, and mailers that record what they send. */
export async function flowSetup(db: Connection) {
  await ensureAuthIndexes(db);
  const ann: AccountRecord = { id: userId(), role: 'client', email: 'ann@example.test', name: 'Ann Lee', passwordHash: await hashPassword(PASSWORD, TEST_ARGON2) };
  const accounts = memoryAccounts([ann]);
  const sessions = createSessionManager({ db, findUser: async (id) => accounts.byId.get(id) ?? null });
  const deps: AuthDeps = { db, accounts: accounts.store, sessions, limiter: createRateLimiter(db), argon2: TEST_ARGON2 };
  const sent: Array<{ kind: string; to: string; token?: string }> = [];
  const mailer: ResetMailer & SignUpMailer = {
    sendResetLink: async (account, token) => void sent.push({ kind: 'reset', to: account.email, token }),
    sendNoAccountNotice: async (email) => void sent.push({ kind: 'no-account', to: email }),
    sendVerification: async (account, token) => void sent.push({ kind: 'verify', to: account.email, token }),
    sendAlreadyRegistered: async (account) => void sent.push({ kind: 'already-registered', to: account.email }),
  };
  return { db, ann, accounts, sessions, deps, mailer, sent };
}

/** What a promise settled with: 'resolved', or the error's code, message and details. */
export async function codeOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    return { code: (error as { code?: unknown }).code, message: (error as Error).message, details: (error as { details?: unknown }).details };
  }
}
