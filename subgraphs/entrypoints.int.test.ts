import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MongoHandle } from '@leadgraph/db';
import { runFailingServiceProcess, startServiceProcess, startTestDatabase, uniqueDbName } from '@leadgraph/testing';

let mongo: MongoHandle;
beforeAll(async () => {
  mongo = await startTestDatabase();
});
afterAll(() => mongo.stop());

describe.each(['users', 'leads', 'reviews', 'privacy'])('the %s subgraph process (src/index.ts)', (name) => {
  const entry = new URL(`./${name}/src/index.ts`, import.meta.url);

  it('starts from configuration, logs where it listens, and stops cleanly on SIGTERM', async () => {
    const service = await startServiceProcess(entry, {
      PORT: '0',
      LOG_LEVEL: 'info',
      MONGODB_URI: mongo.uri,
      MONGODB_DB: uniqueDbName(`${name}_proc`),
    });
    expect(service.logged[0]).toMatchObject({ mongo: 'uri', msg: 'MongoDB: using MONGODB_URI' });
    expect(service.listening).toMatchObject({ msg: `${name} subgraph listening` });
    const base = String(service.listening.url).replace(/\/graphql$/, '');
    expect((await fetch(`${base}/health`)).status).toBe(200);
    expect(await service.stop()).toBe(0);
    expect(service.logged.at(-1), JSON.stringify(service.logged)).toMatchObject({ msg: 'stopped' });
  });

  it('refuses a bad configuration with a clear message and exit code 1', async () => {
    const { code, stderr } = await runFailingServiceProcess(entry, { PORT: 'not-a-port' });
    expect(code).toBe(1);
    expect(stderr).toContain('PORT (got "not-a-port")');
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
