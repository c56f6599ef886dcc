import { COMMON_PASSWORDS } from './common-passwords.ts';
import { AuthError, AuthErrorCode } from './errors.ts';
import { MAX_PASSWORD_BYTES, normalizePassword } from './passwords.ts';

/** Shortest accepted password, in characters (code points) after normalisation. */
export const MIN_PASSWORD_LENGTH = 10;

/** Why a new password is refused. Codes are stable; messages are safe to show and never echo the password. */
export enum PasswordProblemCode {
  TooShort = 'TOO_SHORT',
  TooLong = 'TOO_LONG',
  Common = 'COMMON',
  ContainsEmail = 'CONTAINS_EMAIL',
  ContainsName = 'CONTAINS_NAME',
}

export interface PasswordProblem {
  code: PasswordProblemCode;
  message: string;
}

const MESSAGES: Readonly<Record<PasswordProblemCode, string>> = {
  [PasswordProblemCode.TooShort]: `Use at least ${MIN_PASSWORD_LENGTH} characters.`,
  [PasswordProblemCode.TooLong]: `Use at most ${MAX_PASSWORD_BYTES} bytes (fewer characters if you use accents or symbols).`,
  [PasswordProblemCode.Common]: 'This password is too common. Choose something less predictable.',
  [PasswordProblemCode.ContainsEmail]: 'Do not use your email address in your password.',
  [PasswordProblemCode.ContainsName]: 'Do not use your name in your password.',
};

const COMMON = new Set(COMMON_PASSWORDS);

/** A short run of digits and symbols people append to a common word ("password2024!"). */
const TRAILING_DECORATION = /[\d!@#$%^&*?.\-_+=~]{1,6}$/u;
/** The same leading decoration ("!1password"). */
const LEADING_DECORATION = /^[\d!@#$%^&*?.\-_+=~]{1,4}/u;

function isCommon(lower: string): boolean {
  if (COMMON.has(lower)) return true;
  const stripped = lower.replace(TRAILING_DECORATION, '').replace(LEADING_DECORATION, '');
  if (stripped.length >= 4 && COMMON.has(stripped)) return true;
  // One or two characters repeated ("aaaaaaaaaa", "1212121212").
  return new Set(lower).size <= 2;
}

/** The part of an address before `@`, without a `+tag`, lower-cased. */
function emailLocalPart(email: string): string {
  const local = email.toLowerCase().split('@')[0] ?? '';
  return local.split('+')[0] ?? '';
}

/**
 * Every problem with `password` as a new password for this person, or an empty list when it
 * is acceptable: length 10 characters to 128 bytes, not among a few hundred common passwords
 * (also with digits or symbols stuck on either end), not containing the address's local part
 * or a part of the name (3 characters or more, case-insensitive).
 */
export function checkPasswordPolicy(password: string, person: { email?: string; name?: string } = {}): PasswordProblem[] {
  const normalized = normalizePassword(password);
  const lower = normalized.toLowerCase();
  const codes: PasswordProblemCode[] = [];
  if ([...normalized].length < MIN_PASSWORD_LENGTH) codes.push(PasswordProblemCode.TooShort);
  if (Buffer.byteLength(normalized, 'utf8') > MAX_PASSWORD_BYTES) codes.push(PasswordProblemCode.TooLong);
  if (isCommon(lower)) codes.push(PasswordProblemCode.Common);
  const local = person.email === undefined ? '' : emailLocalPart(person.email);
  if (local.length >= 3 && lower.includes(local)) codes.push(PasswordProblemCode.ContainsEmail);
  const nameParts = (person.name ?? '').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((part) => part.length >= 3);
  if (nameParts.some((part) => lower.includes(part))) codes.push(PasswordProblemCode.ContainsName);
  return codes.map((code) => ({ code, message: MESSAGES[code] }));
}

/** Throws `AuthError(WEAK_PASSWORD, { problems })` listing the problem codes when the policy refuses `password`. */
export function assertPasswordPolicy(password: string, person: { email?: string; name?: string } = {}): void {
  const problems = checkPasswordPolicy(password, person);
  if (problems.length > 0) {
    throw new AuthError(AuthErrorCode.WeakPassword, { problems: problems.map((p) => p.code) });
  }
}
