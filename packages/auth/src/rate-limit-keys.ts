import { isIP } from 'node:net';
import { normalizeEmail, pseudonym } from './hash.ts';

/** How one kind of key is limited. */
export interface LimitPolicy {
  /** Attempts allowed in a window; the one that reaches this starts the backoff. */
  maxAttempts: number;
  /** A key forgets its attempts after this long without one (and this long after a block ends). */
  windowMs: number;
  /** Delay after the `maxAttempts`-th attempt; each further attempt doubles it. */
  baseDelayMs: number;
  /** Longest delay. */
  maxDelayMs: number;
}

/**
 * One limited key. `onSuccess` says what `succeeded` does: `clear` forgets the key (the
 * account proved its password), `forgive` only gives this attempt back (an address shared by
 * many people keeps counting its failures), `keep` counts every attempt (reset requests).
 */
export interface LimitKey {
  key: string;
  policy: LimitPolicy;
  onSuccess: 'clear' | 'forgive' | 'keep';
}

const MINUTE = 60_000;

/** Sign-in per account: 5 failures in 15 minutes, then 30 s doubling up to 15 min. */
export const LOGIN_ACCOUNT_POLICY: LimitPolicy = { maxAttempts: 5, windowMs: 15 * MINUTE, baseDelayMs: 30_000, maxDelayMs: 15 * MINUTE };
/** Sign-in per address: 30 failures in 15 minutes (offices share addresses), then 1 min doubling up to 1 h. */
export const LOGIN_IP_POLICY: LimitPolicy = { maxAttempts: 30, windowMs: 15 * MINUTE, baseDelayMs: MINUTE, maxDelayMs: 60 * MINUTE };
/** Reset requests per account: 3 an hour, then 5 min doubling up to 1 h (each one sends an email). */
export const RESET_ACCOUNT_POLICY: LimitPolicy = { maxAttempts: 3, windowMs: 60 * MINUTE, baseDelayMs: 5 * MINUTE, maxDelayMs: 60 * MINUTE };
/** Reset requests per address: 10 an hour, then 5 min doubling up to 1 h. */
export const RESET_IP_POLICY: LimitPolicy = { maxAttempts: 10, windowMs: 60 * MINUTE, baseDelayMs: 5 * MINUTE, maxDelayMs: 60 * MINUTE };

/** Sign-ups per address: 10 an hour, then 5 min doubling up to 1 h. */
export const SIGNUP_IP_POLICY: LimitPolicy = { maxAttempts: 10, windowMs: 60 * MINUTE, baseDelayMs: 5 * MINUTE, maxDelayMs: 60 * MINUTE };

function expandIPv6(ip: string): string[] {
  const [head = '', tail] = ip.split('::') as [string, string | undefined];
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const fill = tail === undefined ? [] : Array.from({ length: 8 - left.length - right.length }, () => '0');
  return [...left, ...fill, ...right].map((group) => group.toLowerCase().replace(/^0+(?=.)/, ''));
}

/**
 * The bucket an address is limited in: an IPv4 address itself (also when IPv4-mapped), an
 * IPv6 address's /64 (one subscriber usually holds a whole /64), or `unknown`.
 */
export function ipBucket(ip: string): string {
  const trimmed = ip.trim();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  if (mapped?.[1] !== undefined && isIP(mapped[1]) === 4) return mapped[1];
  const version = isIP(trimmed);
  if (version === 4) return trimmed;
  if (version === 6) return `${expandIPv6(trimmed.split('%')[0] ?? '').slice(0, 4).join(':')}::/64`;
  return 'unknown';
}

/** Key for an account (by email, as typed: known or not, so limits never reveal which exist). */
export function accountLimitKey(action: string, email: string, pepper?: string): string {
  return `${action}:acct:${pseudonym(normalizeEmail(email), pepper)}`;
}

/** Key for a client address bucket. */
export function ipLimitKey(action: string, ip: string, pepper?: string): string {
  return `${action}:ip:${pseudonym(ipBucket(ip), pepper)}`;
}

/** The keys a sign-in attempt counts against. Only pseudonyms are stored: never an email or an IP. */
export function loginLimitKeys(input: { email: string; ip: string; pepper?: string }): LimitKey[] {
  return [
    { key: accountLimitKey('login', input.email, input.pepper), policy: LOGIN_ACCOUNT_POLICY, onSuccess: 'clear' },
    { key: ipLimitKey('login', input.ip, input.pepper), policy: LOGIN_IP_POLICY, onSuccess: 'forgive' },
  ];
}

/** The keys a password-reset request counts against (every request counts: each sends a mail). */
export function resetLimitKeys(input: { email: string; ip: string; pepper?: string }): LimitKey[] {
  return [
    { key: accountLimitKey('reset', input.email, input.pepper), policy: RESET_ACCOUNT_POLICY, onSuccess: 'keep' },
    { key: ipLimitKey('reset', input.ip, input.pepper), policy: RESET_IP_POLICY, onSuccess: 'keep' },
  ];
}

/** The key a sign-up counts against: the address only (the email is not known to be real yet). */
export function signUpLimitKeys(input: { ip: string; pepper?: string }): LimitKey[] {
  return [{ key: ipLimitKey('signup', input.ip, input.pepper), policy: SIGNUP_IP_POLICY, onSuccess: 'keep' }];
}
