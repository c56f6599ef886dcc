import { ConfigError } from '@leadgraph/config';
import { DEV_IDENTITY_SIGNING_KEY } from '@leadgraph/identity';
import { describe, expect, it } from 'vitest';
import { identityKeyFrom, limitsFrom, loadGatewayConfig, requestTrustFrom, sessionsFrom, subgraphUrlsFrom, timeoutsFrom } from './config.ts';
import { DEFAULT_LIMITS } from './limits/index.ts';

describe('gateway config', () => {
  it('has working defaults for local development', () => {
    const config = loadGatewayConfig({});
    expect(config.PORT).toBe(4000);
    expect(config.NODE_ENV).toBe('development');
    expect(subgraphUrlsFrom(config)).toEqual({
      users: 'http://127.0.0.1:4001/graphql',
      leads: 'http://127.0.0.1:4002/graphql',
      reviews: 'http://127.0.0.1:4003/graphql',
      privacy: 'http://127.0.0.1:4004/graphql',
    });
    expect(limitsFrom(config)).toEqual(DEFAULT_LIMITS);
    expect(timeoutsFrom(config).connectTimeoutMs).toBe(2_000);
    expect(identityKeyFrom(config)).toBe(DEV_IDENTITY_SIGNING_KEY);
  });

  it('reads limits, URLs and timeouts from the environment', () => {
    const config = loadGatewayConfig({ MAX_DEPTH: '8', REVIEWS_URL: 'http://reviews:80/graphql', HEALTH_TIMEOUT_MS: '250' });
    expect(limitsFrom(config).maxDepth).toBe(8);
    expect(subgraphUrlsFrom(config).reviews).toBe('http://reviews:80/graphql');
    expect(timeoutsFrom(config).healthTimeoutMs).toBe(250);
  });

  it('refuses production without a signing key, and never prints a key', () => {
    expect(() => loadGatewayConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadGatewayConfig({ NODE_ENV: 'production' })).toThrow(/IDENTITY_SIGNING_KEY/);
    expect(() => loadGatewayConfig({ IDENTITY_SIGNING_KEY: 'too-short-secret' })).toThrow(/IDENTITY_SIGNING_KEY/);
    expect(() => loadGatewayConfig({ IDENTITY_SIGNING_KEY: 'too-short-secret' })).not.toThrow(/too-short-secret/);
    const key = 'k'.repeat(32);
    expect(identityKeyFrom(loadGatewayConfig({ NODE_ENV: 'production', IDENTITY_SIGNING_KEY: key, MONGODB_URI: 'mongodb://db' }))).toBe(key);
  });

  it('rejects a limit that is not a positive whole number', () => {
    expect(() => loadGatewayConfig({ MAX_ALIASES: '-1' })).toThrow(/MAX_ALIASES/);
  });
});

describe('gateway session config', () => {
  it('defaults to the local database, the users db name and no trusted proxy', () => {
    const config = loadGatewayConfig({});
    expect(sessionsFrom(config)).toEqual({ mongoUri: 'mongodb://127.0.0.1:27018', usersDbName: 'leadgraph_users' });
    const trust = requestTrustFrom(config);
    expect(trust.trustProxy).toBe(0);
    expect(trust.allowedOrigins.has('http://localhost:4000')).toBe(true);
    expect(requestTrustFrom(loadGatewayConfig({ PORT: '14000' })).allowedOrigins.has('http://localhost:14000')).toBe(true);
  });

  it('reads MONGODB_URI, USERS_DB_NAME, ALLOWED_ORIGINS and TRUST_PROXY', () => {
    const config = loadGatewayConfig({
      MONGODB_URI: 'mongodb://db:27017',
      USERS_DB_NAME: 'users_x',
      ALLOWED_ORIGINS: 'https://app.example, https://admin.example/',
      TRUST_PROXY: '1',
    });
    expect(sessionsFrom(config)).toEqual({ mongoUri: 'mongodb://db:27017', usersDbName: 'users_x' });
    expect([...requestTrustFrom(config).allowedOrigins]).toEqual(['https://app.example', 'https://admin.example']);
    expect(requestTrustFrom(config).trustProxy).toBe(1);
  });

  it('refuses a non-MongoDB URI, and production without MONGODB_URI', () => {
    expect(() => loadGatewayConfig({ MONGODB_URI: 'http://db' })).toThrow(/MONGODB_URI/);
    expect(() => loadGatewayConfig({ NODE_ENV: 'production', IDENTITY_SIGNING_KEY: 'k'.repeat(32) })).toThrow(/MONGODB_URI/);
  });
});
