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
    const env = { ...process.env, MONGODB_URI: mongo.uri };
    const first = await run(process.execPath, ['--import', 'tsx', SEED], { env });
    expect(first.stdout).toContain('Clearing demo collections');
    expect(first.stdout).toMatch(/Done: 323 users \(240 clients, 80 pros, 3 admins\), 420 leads, 360 reviews/);
    const second = await run(process.execPath, ['--import', 'tsx', SEED], { env });
    expect(second.stdout).toContain('removed 1109 documents');
    expect(await count('leadgraph_users', 'users')).toBe(323);
    expect(await count('leadgraph_leads', 'leads')).toBe(420);
    expect(await count('leadgraph_reviews', 'reviews')).toBe(360);
    expect(await count('leadgraph_privacy', 'data_subject_requests')).toBe(6);
  });

  it('says clearly when there is no database to seed', async () => {
    const env = { ...process.env, MONGODB_URI: 'mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=500' };
    const failed = await run(process.execPath, ['--import', 'tsx', SEED], { env }).catch((error: { code: number; stderr: string }) => error);
    expect(failed).toMatchObject({ code: 1 });
    expect((failed as { stderr: string }).stderr).toContain('Cannot reach MongoDB at mongodb://127.0.0.1:1/');
  });
});
