import { describe, expect, it } from 'vitest';
import { ConfigError } from '@leadgraph/config';
import { DEV_IDENTITY_SIGNING_KEY } from '@leadgraph/identity';
import { readConfig } from './config.ts';

describe('users config', () => {
  it('has working defaults for development', () => {
    const config = readConfig({});
    expect(config).toMatchObject({
      PORT: 4001,
      HOST: '127.0.0.1',
      MONGODB_DB: 'leadgraph_users',
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      IDENTITY_SIGNING_KEY: DEV_IDENTITY_SIGNING_KEY,
    });
    expect(config.MONGODB_URI).toBeUndefined();
  });

  it('requires a signing key in production', () => {
    expect(() => readConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(readConfig({ NODE_ENV: 'production', IDENTITY_SIGNING_KEY: 's'.repeat(32) }).IDENTITY_SIGNING_KEY).toBe(
      's'.repeat(32),
    );
  });

  it('rejects a bad port and a non-MongoDB URI without printing the URI', () => {
    expect(() => readConfig({ PORT: 'x' })).toThrow(/PORT/);
    expect(() => readConfig({ MONGODB_URI: 'http://user:secret@host' })).toThrow(/MONGODB_URI/);
    expect(() => readConfig({ MONGODB_URI: 'http://user:secret@host' })).not.toThrow(/secret/);
  });

  it('has media defaults (gateway URL, 8 gallery images, 2 MiB) and refuses bad values', () => {
    expect(readConfig({})).toMatchObject({ MEDIA_BASE_URL: 'http://localhost:4000', PRO_MAX_GALLERY_IMAGES: 8, PRO_MAX_IMAGE_BYTES: 2 * 1024 * 1024 });
    expect(() => readConfig({ MEDIA_BASE_URL: 'ftp://x' })).toThrow(/MEDIA_BASE_URL/);
    expect(() => readConfig({ PRO_MAX_IMAGE_BYTES: '10' })).toThrow(/PRO_MAX_IMAGE_BYTES/);
  });
});
