import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase, type MongoHandle } from '@leadgraph/db';
import { startTestDatabase } from '../src/index.ts';

const SEED = fileURLToPath(new URL('../../../scripts/seed.ts', import.meta.url));
const run = promisify(execFile);

let mongo: MongoHandle;
beforeAll(async () => {
  mongo = await startTestDatabase();
});
afterAll(() => mongo.stop());

async function count(dbName: string, collection: string): Promise<number> {
  const db = await connectDatabase(mongo.uri, dbName);
  try {
    return await db.collection(collection).countDocuments();
  } finally {
    await db.close();
  }
}

describe('pnpm seed (scripts/seed.ts)', () => {
  it('fills every subgraph database, and running it again replaces rather than doubles', async () => {
    const env = { ...process.env, MONGODB_URI: mongo.uri, SEED_SCALE: 'small' };
    const counts = async () => [
      await count('leadgraph_users', 'users'),
      await count('leadgraph_leads', 'leads'),
      await count('leadgraph_reviews', 'reviews'),
      await count('leadgraph_privacy', 'data_subject_requests'),
    ];
    // What a run says it wrote: users, leads (live ones plus the completed history the reviews need), reviews.
    const printed = (stdout: string) => {
      const done = /Done in [\d.]+ s: (\d+) users \(40 clients, 20 pros, 3 admins\), (\d+) leads, \d+ responses, \d+ messages, (\d+) reviews, 6 open/.exec(stdout);
      expect(done).not.toBeNull();
      return [Number(done![1]), Number(done![2]), Number(done![3]), 6];
    };
    const first = await run(process.execPath, ['--import', 'tsx', SEED], { env });
    expect(first.stdout).toContain('Clearing demo collections');
    expect(first.stdout).toContain('password: leadgraph demo password 2026');
    const firstCounts = printed(first.stdout);
    expect(firstCounts[0]).toBe(63);
    expect(firstCounts[1]).toBeGreaterThanOrEqual(200);
    expect(firstCounts[2]).toBe(100);
    expect(await counts()).toEqual(firstCounts);
    const second = await run(process.execPath, ['--import', 'tsx', SEED], { env });
    expect(second.stdout).toMatch(/removed [1-9]\d* documents/);
    // Exactly the second run's data: the first run's was cleared, not added to.
    expect(await counts()).toEqual(printed(second.stdout));
  });

  it('refuses an unknown scale with a clear message', async () => {
    const env = { ...process.env, MONGODB_URI: mongo.uri, SEED_SCALE: 'huge' };
    const failed = await run(process.execPath, ['--import', 'tsx', SEED], { env }).catch((error: { code: number; stderr: string }) => error);
    expect(failed).toMatchObject({ code: 1 });
    expect((failed as { stderr: string }).stderr).toContain('SEED_SCALE must be "full" (default) or "small", not "huge"');
  });

  it('says clearly when there is no database to seed', async () => {
    const env = { ...process.env, MONGODB_URI: 'mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=500' };
    const failed = await run(process.execPath, ['--import', 'tsx', SEED], { env }).catch((error: { code: number; stderr: string }) => error);
    expect(failed).toMatchObject({ code: 1 });
    expect((failed as { stderr: string }).stderr).toContain('Cannot reach MongoDB at mongodb://127.0.0.1:1/');
  });
});
