import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, loadConfig, vars } from './index.ts';

const spec = {
  PORT: { schema: vars.port(4001), description: 'HTTP port' },
  SECRET: { schema: z.string().min(32), description: 'signing key', sensitive: true },
  DEBUG: { schema: vars.boolean(false), description: 'debug mode' },
};

describe('loadConfig', () => {
  it('applies defaults and parses values', () => {
    const config = loadConfig(spec, { SECRET: 'x'.repeat(32), DEBUG: '1' });
    expect(config).toEqual({ PORT: 4001, SECRET: 'x'.repeat(32), DEBUG: true });
  });

  it('lists every bad variable with its description in one error', () => {
    let thrown: unknown;
    try {
      loadConfig(spec, { PORT: 'abc', SECRET: 'short' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    const message = (thrown as Error).message;
    expect(message).toContain('PORT (got "abc")');
    expect(message).toContain('HTTP port');
    expect(message).toContain('SECRET: ');
    expect(message).toContain('signing key');
  });

  it('never prints the value of a sensitive variable', () => {
    expect(() => loadConfig(spec, { SECRET: 'hunter2' })).toThrow(/SECRET: /);
    expect(() => loadConfig(spec, { SECRET: 'hunter2' })).not.toThrow(/hunter2/);
  });

  it('rejects a port out of range', () => {
    expect(() => loadConfig(spec, { PORT: '70000', SECRET: 'x'.repeat(32) })).toThrow(/PORT/);
  });
});
