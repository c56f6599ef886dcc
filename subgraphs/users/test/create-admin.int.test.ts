import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { connectDatabase, type MongoHandle } from '@leadgraph/db';
import { startTestDatabase, uniqueDbName } from '@leadgraph/testing';
import { userModel } from '../src/models/user.ts';
import { newEmail } from './helpers.ts';

const CLI = fileURLToPath(new URL('../src/cli/create-admin.ts', import.meta.url));

let mongo: MongoHandle;
beforeAll(async () => {
  mongo = await startTestDatabase();
});
afterAll(() => mongo.stop());

/** Runs the CLI with the password on stdin; returns exit code and everything it printed. */
function run(dbName: string, args: string[], stdin: string): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
    env: { ...process.env, MONGODB_URI: mongo.uri, MONGODB_DB: dbName },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stdin.end(stdin);
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, output })));
}

describe('pnpm admin:create', () => {
  it('creates a verified admin from a password on stdin, never printing it', async () => {
    const dbName = uniqueDbName('users_admin');
    const db = await connectDatabase(mongo.uri, dbName);
    onTestFinished(() => db.close());
    const email = newEmail('ann');
    const password = 'quiet harbour lantern 93';
    const result = await run(dbName, ['--', '--email', email, '--name', 'Ann Admin', '--password-stdin'], `${password}\n`);
    expect(result.code, result.output).toBe(0);
    expect(result.output).not.toContain(password);
    const admin = await userModel(db).findOne({ email }).lean();
    expect(admin).toMatchObject({ role: 'admin', name: 'Ann Admin', emailVerifiedAt: expect.any(Date) });
    expect(admin?.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it('refuses a weak password and creates nothing', async () => {
    const dbName = uniqueDbName('users_admin');
    const db = await connectDatabase(mongo.uri, dbName);
    onTestFinished(() => db.close());
    const result = await run(dbName, ['--email', newEmail('ann'), '--name', 'Ann Admin'], 'password1\n');
    expect(result.code).toBe(1);
    expect(result.output).toContain('WEAK_PASSWORD');
    expect(result.output).not.toContain('password1');
    expect(await userModel(db).countDocuments()).toBe(0);
  });
});
