import { randomBytes } from 'node:crypto';
import { hash, parseOptions, verify, type Algorithm, type Options } from '@node-rs/argon2';
import { AuthError, AuthErrorCode } from './errors.ts';

/** Cost parameters of argon2id. */
export interface Argon2Params {
  /** Memory in KiB. */
  memoryCost: number;
  /** Passes over memory. */
  timeCost: number;
  /** Lanes. */
  parallelism: number;
}

/** OWASP Password Storage Cheat Sheet's first argon2id choice: m=19 MiB, t=2, p=1. */
export const PRODUCTION_ARGON2: Readonly<Argon2Params> = Object.freeze({ memoryCost: 19_456, timeCost: 2, parallelism: 1 });

/** Cheap parameters for tests only: hashes stay argon2id but take about a millisecond. */
export const TEST_ARGON2: Readonly<Argon2Params> = Object.freeze({ memoryCost: 1_024, timeCost: 1, parallelism: 1 });

/** Longest accepted password in UTF-8 bytes (after normalisation); longer input never verifies. */
export const MAX_PASSWORD_BYTES = 128;

// `Algorithm` is an ambient const enum, which isolatedModules cannot read; 2 is Argon2id.
const ARGON2ID = 2 as Algorithm;

function options(params: Argon2Params): Options {
  return { algorithm: ARGON2ID, memoryCost: params.memoryCost, timeCost: params.timeCost, parallelism: params.parallelism };
}

/**
 * The same password typed on two keyboards may arrive as different code points (a composed
 * "é" or an "e" plus an accent); NFKC makes them one string before hashing and checking.
 */
export function normalizePassword(password: string): string {
  return password.normalize('NFKC');
}

/**
 * An argon2id PHC string (`$argon2id$v=19$m=…,t=…,p=…$salt$hash`) for `password`, with a fresh
 * random salt. Refuses (WEAK_PASSWORD, TOO_LONG) a password `verifyPassword` would never accept.
 */
export async function hashPassword(password: string, params: Argon2Params = PRODUCTION_ARGON2): Promise<string> {
  const normalized = normalizePassword(password);
  if (Buffer.byteLength(normalized, 'utf8') > MAX_PASSWORD_BYTES) {
    throw new AuthError(AuthErrorCode.WeakPassword, { problems: ['TOO_LONG'] });
  }
  return hash(normalized, options(params));
}

const dummyHashes = new Map<string, Promise<string>>();

/** A hash of a random password at `params`, made once per parameter set, to spend the same time on a miss. */
function dummyHash(params: Argon2Params): Promise<string> {
  const key = `${params.memoryCost}/${params.timeCost}/${params.parallelism}`;
  let dummy = dummyHashes.get(key);
  if (dummy === undefined) {
    dummy = hash(randomBytes(24).toString('base64url'), options(params));
    dummyHashes.set(key, dummy);
  }
  return dummy;
}

/**
 * Whether `password` matches `storedHash`. When there is no hash (unknown account, or an
 * account without a password) or the input is longer than any accepted password, it still
 * runs one argon2id verification against a dummy hash and answers false, so the time taken
 * does not tell an unknown account from a wrong password. A malformed hash answers false.
 * `params` only sets the dummy's cost; pass the cost your real hashes use.
 */
export async function verifyPassword(
  storedHash: string | null | undefined,
  password: string,
  params: Argon2Params = PRODUCTION_ARGON2,
): Promise<boolean> {
  const normalized = normalizePassword(password);
  if (storedHash == null || storedHash === '' || Buffer.byteLength(normalized, 'utf8') > MAX_PASSWORD_BYTES) {
    await verify(await dummyHash(params), normalized).catch(() => false);
    return false;
  }
  try {
    return await verify(storedHash, normalized);
  } catch {
    return false;
  }
}

/**
 * Whether a stored hash was made with weaker (or other) parameters than `params`, so the
 * login that just verified it should store a fresh `hashPassword` result.
 */
export function needsRehash(storedHash: string, params: Argon2Params = PRODUCTION_ARGON2): boolean {
  try {
    const parsed = parseOptions(storedHash);
    return (
      parsed.algorithm !== ARGON2ID ||
      parsed.memoryCost !== params.memoryCost ||
      parsed.timeCost !== params.timeCost ||
      parsed.parallelism !== params.parallelism
    );
  } catch {
    return true;
  }
}
