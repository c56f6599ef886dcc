import { describe, expect, it } from 'vitest';
import { ConfigError } from '@leadgraph/config';
import { DEV_IDENTITY_SIGNING_KEY } from '@leadgraph/identity';
import { readSubgraphConfig, subgraphConfigSpec } from './config.ts';

const spec = subgraphConfigSpec('toy', 4999);
const read = (env: Record<string, string>) => readSubgraphConfig(spec, env);

describe('subgraph config', () => {
  it('has working defaults for development, named after the subgraph', () => {
    const config = read({});
    expect(config).toMatchObject({
      PORT: 4999,
      HOST: '127.0.0.1',
      MONGODB_DB: 'leadgraph_toy',
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      IDENTITY_SIGNING_KEY: DEV_IDENTITY_SIGNING_KEY,
    });
    expect(config.MONGODB_URI).toBeUndefined();
  });

  it('requires a signing key in production', () => {
    expect(() => read({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(read({ NODE_ENV: 'production', IDENTITY_SIGNING_KEY: 's'.repeat(32) }).IDENTITY_SIGNING_KEY).toBe('s'.repeat(32));
  });

  it('rejects a bad port and a non-MongoDB URI without printing the URI', () => {
    expect(() => read({ PORT: 'x' })).toThrow(/PORT/);
    expect(() => read({ MONGODB_URI: 'http://user:secret@host' })).toThrow(/MONGODB_URI/);
    expect(() => read({ MONGODB_URI: 'http://user:secret@host' })).not.toThrow(/secret/);
  });
});
