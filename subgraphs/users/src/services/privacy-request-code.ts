import { randomInt } from 'node:crypto';
import {
  AuthError,
  AuthErrorCode,
  LOGIN_ACCOUNT_POLICY,
  LOGIN_IP_POLICY,
  TOKEN_LIFETIMES_MS,
  accountLimitKey,
  ipLimitKey,
  normalizeEmail,
  pseudonym,
  resetLimitKeys,
  tokenModel,
  type AuthDeps,
  type LimitKey,
} from '@leadgraph/auth';
import { z } from 'zod';
import type { Accounts } from '../context.ts';
import { UsersError, UsersErrorCode } from '../errors.ts';
import type { PrivacyPeer, VerifiedRequestKind } from '../peers/privacy.ts';
import { LIMITS, parseInput } from './input.ts';

/** Digits of a privacy request code: 8 (10^8 values), tried at most a few times per address. */
const CODE_DIGITS = 8;

/**
 * The stored form of a code: bound to the account, so equal codes of two accounts never
 * collide, and keyed with the auth pepper when one is configured (8 digits alone would be
 * quick to recover from a plain hash); the code itself is only in the mail.
 */
const codeHash = (auth: AuthDeps, userId: string, code: string) => pseudonym(`privacy-code:${userId}:${code}`, auth.pepper);

function limiterOf(auth: AuthDeps, keys: LimitKey[]) {
  return auth.limiter.attempt(keys).then((decision) => {
    if (!decision.allowed) throw new AuthError(AuthErrorCode.RateLimited, { retryAfterSeconds: decision.retryAfterSeconds });
  });
}

export const requestCodeInput = z.object({ email: z.string().max(LIMITS.email), ip: z.string() });

/**
 * Someone who cannot sign in (lost password, closed account) asks for a code to make a privacy
 * request. Counted like a password reset (per typed address and per caller address,
 * `RATE_LIMITED` past the limit, known address or not); then, when an account has this address
 * — disabled ones included, since erasing a closed account is the point — an 8-digit code valid
 * 15 minutes is mailed (`privacy-code`), stored hashed and superseding the account's previous
 * one. The caller gets the same answer either way (no account enumeration).
 */
export async function requestPrivacyRequestCode(accounts: Accounts, input: z.input<typeof requestCodeInput>, now = new Date()): Promise<void> {
  const { email, ip } = parseInput(requestCodeInput, input);
  const { auth } = accounts;
  const pepper = auth.pepper === undefined ? {} : { pepper: auth.pepper };
  const keys = resetLimitKeys({ email, ip, ...pepper }).map((k) => ({ ...k, key: `privacy-code:${k.key}` }));
  await limiterOf(auth, keys);
  const account = await auth.accounts.findByEmail(normalizeEmail(email));
  if (account === null) {
    await accounts.mailer.sendNoPrivacyCode();
    return;
  }
  const code = randomInt(0, 10 ** CODE_DIGITS).toString().padStart(CODE_DIGITS, '0');
  const expiresAt = new Date(now.getTime() + TOKEN_LIFETIMES_MS['privacy-code']);
  const tokens = tokenModel(auth.db);
  const hash = codeHash(auth, account.id, code);
  // A repeated code of the same account (1 in 10^8) replaces the older one.
  await tokens.findOneAndUpdate(
    { _id: hash },
    { $set: { userId: account.id, purpose: 'privacy-code', expiresAt, usedAt: null, createdAt: now } },
    { upsert: true },
  );
  await tokens.deleteMany({ userId: account.id, purpose: 'privacy-code', usedAt: null, _id: { $ne: hash } });
  await accounts.mailer.sendPrivacyCode(account, code, expiresAt);
}

export const fileWithCodeInput = z
  .object({
    email: z.string().max(LIMITS.email),
    code: z.string().max(32),
    kind: z.enum(['ACCESS', 'RECTIFICATION', 'ERASURE', 'RESTRICTION', 'OBJECTION', 'CONSENT_WITHDRAWAL']),
    details: z.string().trim().max(5_000).nullish(),
    ip: z.string(),
  })
  .refine((v) => v.kind !== 'RECTIFICATION' || (v.details ?? '') !== '', { path: ['details'] });

/** Tries of codes: per typed address as many as sign-in failures (5 in 15 min), per caller address 30. */
function verifyLimitKeys(email: string, ip: string, pepper: string | undefined): LimitKey[] {
  return [
    { key: accountLimitKey('privacy-code-verify', email, pepper), policy: LOGIN_ACCOUNT_POLICY, onSuccess: 'keep' },
    { key: ipLimitKey('privacy-code-verify', ip, pepper), policy: LOGIN_IP_POLICY, onSuccess: 'keep' },
  ];
}

const invalidCode = () => new UsersError(UsersErrorCode.InvalidCode, 'The code is not valid: ask for a new one');

/**
 * Files a data-subject request with a mailed code instead of a sign-in. The input is checked
 * first (nothing used on a bad one), the try counted (`RATE_LIMITED`), then the code used in
 * one atomic update (hash of the account and code, unused, unexpired): an unknown address, a
 * wrong, expired, superseded or used code all answer `INVALID_CODE` and nothing is filed.
 * The privacy subgraph then files it for the account with the identity verified by EMAIL_CODE;
 * when that fails (`SERVICE_UNAVAILABLE`, e.g. an open request of the kind) the code is given back.
 */
export async function fileDataSubjectRequestWithCode(
  accounts: Accounts,
  privacy: PrivacyPeer,
  input: z.input<typeof fileWithCodeInput>,
  now = new Date(),
): Promise<{ requestId: string; kind: VerifiedRequestKind; status: string }> {
  const parsed = parseInput(fileWithCodeInput, input);
  const { auth } = accounts;
  await limiterOf(auth, verifyLimitKeys(parsed.email, parsed.ip, auth.pepper));
  const account = await auth.accounts.findByEmail(normalizeEmail(parsed.email));
  if (account === null || !new RegExp(`^[0-9]{${CODE_DIGITS}}$`).test(parsed.code)) throw invalidCode();
  const used = await tokenModel(auth.db)
    .findOneAndUpdate(
      { _id: codeHash(auth, account.id, parsed.code), userId: account.id, purpose: 'privacy-code', usedAt: null, expiresAt: { $gt: now } },
      { $set: { usedAt: now } },
    )
    .lean();
  if (used === null) throw invalidCode();
  const details = parsed.details === undefined || parsed.details === null || parsed.details === '' ? null : parsed.details;
  let filed: Awaited<ReturnType<PrivacyPeer['fileVerifiedRequest']>>;
  try {
    filed = await privacy.fileVerifiedRequest({ subjectId: account.id, kind: parsed.kind, details });
  } catch (error) {
    // Not filed (privacy unreachable, or it refused, e.g. an open request of that kind): the
    // code stays usable until it expires, for another try.
    await tokenModel(auth.db).updateOne({ _id: used._id, usedAt: now }, { $set: { usedAt: null } });
    throw error;
  }
  return { requestId: filed.id, kind: filed.kind, status: filed.status };
}
