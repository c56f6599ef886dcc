import { pino, type Logger, type DestinationStream } from 'pino';

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

const redactPaths = REDACTED_KEYS.flatMap((key) => [`["${key}"]`, `*["${key}"]`]);

export interface LoggerOptions {
  level?: string;
  /** Where lines go; stdout by default. Tests pass a stream to read what was logged. */
  destination?: DestinationStream;
}

/** A structured JSON logger for one service, with personal-data keys removed. */
export function createLogger(service: string, options: LoggerOptions = {}): Logger {
  const level = options.level ?? process.env.LOG_LEVEL ?? 'info';
  return pino(
    {
      level,
      base: { service },
      redact: { paths: redactPaths, remove: true },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    options.destination,
  );
}
