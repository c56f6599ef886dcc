import { hashPassword, type Argon2Params } from '@leadgraph/auth';
import { Types, type Connection } from 'mongoose';
import { proVerificationAuditModel } from '../models/pro-verification-audit.ts';
import type { LeadCategory, ProVerificationStatus } from '../models/user.ts';
import { insertUsers, fakeUserName, type UserOverrides } from './index.ts';
import { fakeCompanyName, fakeProProfile } from './pro-profiles.ts';

/**
 * The password of every seeded account (development and benchmarks only: seeded data never
 * goes to production). Hashed once per seed run and reused for every account.
 */
export const SEED_PASSWORD = 'leadgraph demo password 2026';

/** Seeded accounts' creation dates start here, so ids and dates are the same on every run. */
const SEED_EPOCH_SECONDS = Date.UTC(2025, 5, 1) / 1000;
const KIND_CODES = { client: '01', pro: '02', admin: '03' } as const;
type Kind = keyof typeof KIND_CODES;

/**
 * The stable id of the `index`-th seeded account of a kind (0-based): the same on every run,
 * so benchmarks and demos can name accounts without reading the database. The timestamp part
 * is the account's creation time, so id order and date order agree.
 */
export function seedUserId(kind: Kind, index: number): string {
  const seconds = SEED_EPOCH_SECONDS + index * 600 + Number(KIND_CODES[kind]) * 7;
  return `${seconds.toString(16).padStart(8, '0')}5eed${KIND_CODES[kind]}${index.toString(16).padStart(10, '0')}`;
}

/** The seeded address of an account: `pro-0001@seed.leadgraph.test` (1-based, as people count). */
export function seedEmail(kind: Kind, index: number): string {
  return `${kind}-${String(index + 1).padStart(4, '0')}@seed.leadgraph.test`;
}

/** A small deterministic generator (mulberry32), so a seed run is reproducible. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SeededAccount {
  id: string;
  email: string;
  name: string;
}

export interface SeededPro extends SeededAccount {
  companyName: string;
  status: ProVerificationStatus;
  /** VERIFIED and active: what `proMatchProfiles` answers (C1). */
  matchable: boolean;
  categories: LeadCategory[];
  serviceAreas: Array<{ countryCode: string; postalPrefix: string }>;
}

export interface SeededMarketplace {
  /** Every seeded account signs in with this password (its address is confirmed). */
  password: string;
  clients: SeededAccount[];
  pros: SeededPro[];
  admins: SeededAccount[];
}

export interface SeedMarketplaceOptions {
  clients?: number;
  pros?: number;
  admins?: number;
  /** Share of pros VERIFIED (default 0.85); the rest split between PENDING and REJECTED. */
  verifiedShare?: number;
  /** PRNG seed: the same seed gives the same data. */
  seed?: number;
  /** Password hashing cost (tests pass `TEST_ARGON2`); default production. */
  argon2?: Argon2Params;
  /** Accounts per insert. */
  batchSize?: number;
}

/**
 * Demo and benchmark data for the users subgraph: clients, pros with profiles (most VERIFIED,
 * some PENDING or REJECTED, with the audit records of those decisions) and admins, with stable
 * ids (`seedUserId`) and addresses (`seedEmail`), all confirmed and sharing `SEED_PASSWORD`
 * (hashed once). Bulk inserts only. Returns what it created, for the other seeds and for
 * benchmarks. Clear first (`clearUsers`): the stable ids collide with a previous run.
 */
export async function seedMarketplace(db: Connection, options: SeedMarketplaceOptions = {}): Promise<SeededMarketplace> {
  const counts = { client: options.clients ?? 2000, pro: options.pros ?? 1000, admin: options.admins ?? 3 };
  const random = seededRandom(options.seed ?? 42);
  const verifiedShare = options.verifiedShare ?? 0.85;
  const passwordHash = await hashPassword(SEED_PASSWORD, options.argon2);
  const batchSize = options.batchSize ?? 500;
  const admins = Array.from({ length: counts.admin }, (_, i) => seedUserId('admin', i));
  const result: SeededMarketplace = { password: SEED_PASSWORD, clients: [], pros: [], admins: [] };
  const inputs: UserOverrides[] = [];
  const audits: Array<Record<string, unknown>> = [];

  for (const kind of ['admin', 'client', 'pro'] as const) {
    for (let i = 0; i < counts[kind]; i += 1) {
      const id = seedUserId(kind, i);
      const _id = new Types.ObjectId(id);
      const createdAt = _id.getTimestamp();
      const name = fakeUserName(kind, random);
      const email = seedEmail(kind, i);
      const base = { _id, name, email, role: kind, passwordHash, createdAt, emailVerifiedAt: createdAt };
      if (kind !== 'pro') {
        inputs.push(base);
        result[kind === 'client' ? 'clients' : 'admins'].push({ id, email, name });
        continue;
      }
      const roll = random();
      const status: ProVerificationStatus = roll < verifiedShare ? 'VERIFIED' : roll < verifiedShare + (1 - verifiedShare) / 2 ? 'PENDING' : 'REJECTED';
      const submittedAt = new Date(createdAt.getTime() + 86_400_000);
      const decidedBy = admins.length === 0 ? undefined : admins[i % admins.length];
      const profile = fakeProProfile(
        {
          status,
          submittedAt,
          ...(decidedBy === undefined ? {} : { decidedBy }),
          businessPhone: random() < 0.6 ? `+44 20 7946 ${String(i % 10000).padStart(4, '0')}` : null,
          website: random() < 0.5 ? `https://pro-${i + 1}.example.com` : null,
        },
        random,
      );
      const companyName = fakeCompanyName(random);
      inputs.push({ ...base, companyName, proProfile: profile });
      result.pros.push({ id, email, name, companyName, status, matchable: status === 'VERIFIED', categories: profile.categories, serviceAreas: profile.serviceAreas });
      audits.push({ proId: _id, actorId: id, actorRole: 'pro', event: 'SUBMIT', from: null, to: 'PENDING', reason: null, at: submittedAt });
      if (status !== 'PENDING') {
        audits.push({
          proId: _id,
          actorId: decidedBy ?? 'seed',
          actorRole: 'admin',
          event: status === 'VERIFIED' ? 'VERIFY' : 'REJECT',
          from: 'PENDING',
          to: status,
          reason: profile.verification.reason,
          at: profile.verification.decidedAt,
        });
      }
    }
  }
  for (let i = 0; i < inputs.length; i += batchSize) await insertUsers(db, inputs.slice(i, i + batchSize));
  const Audit = proVerificationAuditModel(db);
  for (let i = 0; i < audits.length; i += batchSize) await Audit.insertMany(audits.slice(i, i + batchSize), { lean: true });
  return result;
}
