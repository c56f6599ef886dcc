import { pino, type Logger, type DestinationStream } from 'pino';
import { DERIVED_PERSONAL_KEYS } from './personal-keys.generated.ts';

export type { Logger };

/**
 * Keys whose values may hold personal data or secrets. pino removes them wherever they
 * appear (top level or one object down), so a careless `log.info({ user })` cannot leak
 * an email, a name or a token. Log ids, counts and codes instead.
 */
export const REDACTED_KEYS = [
  'email',
  'password',
  'passwordHash',
  'token',
  'name',
  'firstName',
  'lastName',
  'phone',
  'address',
  'ip',
  'dateOfBirth',
  'iban',
  'accountNumber',
  'authorization',
  'cookie',
  'set-cookie',
  'body',
  'variables',
] as const;

export { DERIVED_PERSONAL_KEYS };

const redactPaths = REDACTED_KEYS.flatMap((key) => [`["${key}"]`, `*["${key}"]`]);

/** How deep `dropKeys` looks into a log line: deeper than any line worth writing. */
const MAX_DEPTH = 8;

function isPlain(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * A copy of `value` without the `keys`, at any depth, in plain objects and arrays (other
 * objects — errors, ObjectIds, dates — are left to pino's serializers). Only copies what it
 * changes, so a line without personal keys costs one walk.
 */
export function dropKeys(value: unknown, keys: ReadonlySet<string>, depth = 0): unknown {
  if (depth > MAX_DEPTH) return '[too deep]';
  if (Array.isArray(value)) {
    let changed = false;
    const items = value.map((item) => {
      const next = dropKeys(item, keys, depth + 1);
      changed ||= next !== item;
      return next;
    });
    return changed ? items : value;
  }
  if (!isPlain(value)) return value;
  let copy: Record<string, unknown> | null = null;
  for (const [key, item] of Object.entries(value)) {
    const next = keys.has(key) ? undefined : dropKeys(item, keys, depth + 1);
    if (next === item) continue;
    copy ??= { ...value };
    if (next === undefined) delete copy[key];
    else copy[key] = next;
  }
  return copy ?? value;
}

export interface LoggerOptions {
  level?: string;
  /** Where lines go; stdout by default. Tests pass a stream to read what was logged. */
  destination?: DestinationStream;
  /** More keys to remove, on top of `REDACTED_KEYS` and `DERIVED_PERSONAL_KEYS`. */
  redactKeys?: Iterable<string>;
}

/**
 * A structured JSON logger for one service, with personal-data keys removed: the fixed
 * `REDACTED_KEYS` (secrets, request bodies) at the top level and one object down (pino's
 * redaction, which also covers child-logger bindings), and at any depth in what is logged both
 * those and `DERIVED_PERSONAL_KEYS`, which `pnpm compose` derives from the `@personal`
 * declarations and the storage declarations: a new personal field is redacted without anyone
 * editing a list.
 */
export function createLogger(service: string, options: LoggerOptions = {}): Logger {
  const level = options.level ?? process.env.LOG_LEVEL ?? 'info';
  const keys: ReadonlySet<string> = new Set([...REDACTED_KEYS, ...DERIVED_PERSONAL_KEYS, ...(options.redactKeys ?? [])]);
  return pino(
    {
      level,
      base: { service },
      redact: { paths: redactPaths, remove: true },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => dropKeys(object, keys) as Record<string, unknown>,
      },
    },
    options.destination,
  );
}
