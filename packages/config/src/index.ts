import { z } from 'zod';

/** One configuration variable: how it is parsed, what it means, and whether its value is secret. */
export interface ConfigVariable<T extends z.ZodType = z.ZodType> {
  schema: T;
  description: string;
  /** A sensitive value is never printed, not even in a configuration error. */
  sensitive?: boolean;
}

export type ConfigSpec = Record<string, ConfigVariable>;
export type ConfigOf<S extends ConfigSpec> = { [K in keyof S]: z.output<S[K]['schema']> };

/** A configuration that cannot start the service; the message names every bad variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Reads and validates a service's configuration from the environment at startup.
 * Each variable's zod schema carries its default (`.default(...)`); a bad or missing value
 * throws one ConfigError listing every problem, with the variable's description.
 */
export function loadConfig<S extends ConfigSpec>(
  spec: S,
  env: Record<string, string | undefined> = process.env,
): ConfigOf<S> {
  const out: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, variable] of Object.entries(spec)) {
    const raw = env[name] === '' ? undefined : env[name];
    const parsed = variable.schema.safeParse(raw);
    if (parsed.success) {
      out[name] = parsed.data;
    } else {
      const shown = variable.sensitive || raw === undefined ? '' : ` (got ${JSON.stringify(raw)})`;
      const reason = parsed.error.issues.map((i) => i.message).join('; ');
      problems.push(`  ${name}${shown}: ${reason} — ${variable.description}`);
    }
  }
  if (problems.length > 0) {
    throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
  }
  return out as ConfigOf<S>;
}

/** Shared schemas for the kinds of variables every service has. */
export const vars = {
  port: (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback),
  host: (fallback = '127.0.0.1') => z.string().min(1).default(fallback),
  url: () => z.string().url(),
  optionalUrl: () => z.string().url().optional(),
  boolean: (fallback: boolean) =>
    z
      .enum(['true', 'false', '1', '0'])
      .default(fallback ? 'true' : 'false')
      .transform((v) => v === 'true' || v === '1'),
  milliseconds: (fallback: number) => z.coerce.number().int().positive().default(fallback),
  nodeEnv: () => z.enum(['development', 'test', 'production']).default('development'),
  logLevel: () =>
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
};

/** A readable table of a spec, for `--help` output and the docs. */
export function describeConfig(spec: ConfigSpec): string {
  return Object.entries(spec)
    .map(([name, v]) => `${name}${v.sensitive ? ' (sensitive)' : ''}: ${v.description}`)
    .join('\n');
}
