import type { MaskStrategy } from './taxonomy.ts';

/**
 * Masking strategies: pure functions from a personal value to what a caller who may not see
 * it gets. They never throw: null, empty, short or oddly typed input gives a safe output.
 * Characters are counted as graphemes, so `Émile`, `李` or an emoji are never cut in half.
 */

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

function graphemes(text: string): string[] {
  return Array.from(segmenter.segment(text), (segment) => segment.segment);
}

function first(text: string): string {
  return graphemes(text)[0] ?? '';
}

/** The fixed text REDACT produces. */
export const REDACTED = '[redacted]';
const DOTS = '••••';

function asText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return null;
}

/** `jane.doe@example.com` → `j***@e***.com`; text without an `@` → `***`. */
export function maskEmail(value: unknown): string {
  const text = asText(value)?.trim() ?? '';
  if (text === '') return '';
  const at = text.lastIndexOf('@');
  if (at <= 0 || at === text.length - 1) return '***';
  const local = text.slice(0, at);
  const domain = text.slice(at + 1);
  const dot = domain.lastIndexOf('.');
  const tld = dot > 0 && dot < domain.length - 1 ? domain.slice(dot) : '';
  return `${first(local)}***@${first(domain)}***${tld}`;
}

/** Keeps the last 4 digits of 8 or more, 3 of 6–7, 2 of 4–5, none of fewer: `•••• 0123`. */
export function maskPhone(value: unknown): string {
  const text = asText(value) ?? '';
  if (text.trim() === '') return '';
  const digits = text.match(/\p{Nd}/gu) ?? [];
  const keep = digits.length >= 8 ? 4 : digits.length >= 6 ? 3 : digits.length >= 4 ? 2 : 0;
  return keep === 0 ? DOTS : `${DOTS} ${digits.slice(-keep).join('')}`;
}

/** A structured address → `{ city }` only; free text, or an object without a city → null. */
export function maskAddressToCity(value: unknown): { city: string } | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const city = (value as { city?: unknown }).city;
  return typeof city === 'string' && city.trim() !== '' ? { city } : null;
}

/** `Jane Doe` → `J. D.`; `jean-luc picard` → `J. P.`; empty → empty. */
export function maskNameInitial(value: unknown): string {
  const text = asText(value) ?? '';
  const words = text.split(/[\s\p{Pd}]+/u).filter((word) => word !== '');
  return words.map((word) => `${first(word).toLocaleUpperCase()}.`).join(' ');
}

/** `GB33BUKB20201555555555` → `•••• 5555`; 4 characters or fewer → `••••` (nothing kept). */
export function maskLast4(value: unknown): string {
  const text = asText(value) ?? '';
  if (text.trim() === '') return '';
  const characters = text.match(/[\p{L}\p{N}]/gu) ?? [];
  return characters.length <= 4 ? DOTS : `${DOTS} ${characters.slice(-4).join('')}`;
}

function maskOne(strategy: MaskStrategy, value: unknown): unknown {
  switch (strategy) {
    case 'EMAIL':
      return maskEmail(value);
    case 'PHONE':
      return maskPhone(value);
    case 'ADDRESS_TO_CITY':
      return maskAddressToCity(value);
    case 'NAME_INITIAL':
      return maskNameInitial(value);
    case 'LAST4':
      return maskLast4(value);
    case 'REDACT':
      return REDACTED;
    case 'NULL':
      return null;
    case 'NONE':
      return value;
    default:
      return assertUnreachable(strategy);
  }
}

function assertUnreachable(value: never): never {
  throw new Error(`Unknown mask strategy: ${String(value)}`);
}

/**
 * `value` masked with `strategy`. Null stays null; a list is masked item by item (NULL
 * masks the whole list). An unknown strategy, which the declarations reader prevents, gives
 * null rather than the clear value.
 */
export function applyMask(strategy: MaskStrategy, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  try {
    if (strategy === 'NULL') return null;
    if (Array.isArray(value)) return value.map((item: unknown) => (item == null ? null : maskOne(strategy, item)));
    return maskOne(strategy, value);
  } catch {
    return null;
  }
}
