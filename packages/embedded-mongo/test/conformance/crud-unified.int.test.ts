// MongoDB's unified-format CRUD tests (mongodb/specifications, source/crud/tests/unified) run
// against the embedded server through the real driver. The JSON files are licensed CC BY-NC-SA
// 3.0 US, so they are NOT part of this repository: they are read at test time from the shared
// folder beside it (`<repo>/../shared/conformance/mongodb-crud`). In a clone without that folder
// the suite is skipped (nothing to run against), which `describe.skipIf` states below.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { BSON } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, startServer } from '../helpers/server.ts';
import type { TestServer } from '../helpers/server.ts';
import { knownFailures } from './known-failures.ts';
import { UnifiedTestContext, unmetRequirements } from './unified-runner.ts';
import type { ServerFacts, UnifiedFile, UnifiedTest } from './unified-runner.ts';

const conformanceDir = path.resolve(repoRoot, '../shared/conformance/mongodb-crud');
const available = existsSync(conformanceDir);
const files: UnifiedFile[] = available
  ? readdirSync(conformanceDir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => BSON.EJSON.parse(readFileSync(path.join(conformanceDir, f), 'utf8'), { relaxed: true }) as UnifiedFile)
  : [];

// The embedded server presents itself as a single MongoDB 7.0 server (maxWireVersion 21);
// requirements are evaluated against these facts, which beforeAll checks on the live server.
const facts: ServerFacts = { version: '7.0.0', topology: 'single' };

/** Registers every spec file's tests against the server `server()` returns, for the given facts. */
function registerSpecTests(server: () => TestServer, facts: ServerFacts): void {
  for (const file of files) {
    describe(file.description, () => {
      for (const test of file.tests) {
        const key = `${file.description} > ${test.description}`;
        const unmet = unmetRequirements(file.runOnRequirements, facts) || unmetRequirements(test.runOnRequirements, facts);
        if (unmet || test.skipReason) {
          // Skipped with its reason: the spec requires another server version or topology (e.g.
          // maxServerVersion 4.99, before `$`-prefixed field names were allowed), or skips itself.
          it.skip(`${test.description} [not applicable: ${unmet || test.skipReason}]`, () => undefined);
          continue;
        }
        const run = async () => {
          const ctx = new UnifiedTestContext(server().server.uri, server().client);
          try {
            await ctx.prepareData(file.initialData);
            await ctx.createEntities(file.createEntities);
            for (const op of test.operations) await ctx.runOperation(op);
            ctx.checkEvents(test.expectEvents);
            await ctx.checkOutcome(test.outcome);
          } finally {
            await ctx.close();
          }
        };
        const known = knownFailures[key];
        if (known !== undefined) it.fails(`${test.description} [known failure: ${known}]`, run);
        else it(test.description, run);
      }
    });
  }
}

// Skipped only when the licensed spec files are absent from this checkout (see header).
describe.skipIf(!available)('unified CRUD conformance (mongodb/specifications)', () => {
  let ts: TestServer;
  beforeAll(async () => {
    ts = await startServer();
    const info = await ts.client.db('admin').command({ buildInfo: 1 });
    expect(String(info.version)).toMatch(/^7\.0\./);
    const hello = await ts.client.db('admin').command({ hello: 1 });
    expect(hello.setName).toBeUndefined();
  });
  afterAll(async () => {
    await ts?.stop();
  });

  it('found the 27 spec files', () => {
    expect(files).toHaveLength(27);
  });

  it('runner self-check: wrong results, errors, events and outcomes are detected', async () => {
    // Synthetic tests (written here, not taken from the spec files) that must fail.
    const file: UnifiedFile = {
      description: 'self-check',
      schemaVersion: '1.0',
      createEntities: [
        { client: { id: 'c', observeEvents: ['commandStartedEvent'] } },
        { database: { id: 'd', client: 'c', databaseName: 'selfcheck' } },
        { collection: { id: 'x', database: 'd', collectionName: 'x' } },
      ],
      initialData: [{ collectionName: 'x', databaseName: 'selfcheck', documents: [{ _id: 1, v: 1 }] }],
      tests: [],
    };
    const find = { name: 'find', object: 'x', arguments: { filter: {} } };
    const run = async (test: Omit<UnifiedTest, 'description'>) => {
      const ctx = new UnifiedTestContext(ts.server.uri, ts.client);
      try {
        await ctx.prepareData(file.initialData);
        await ctx.createEntities(file.createEntities);
        for (const op of test.operations) await ctx.runOperation(op);
        ctx.checkEvents(test.expectEvents);
        await ctx.checkOutcome(test.outcome);
      } finally {
        await ctx.close();
      }
    };
    const events = (name: string) => [{ client: 'c', events: [{ commandStartedEvent: { commandName: name, command: { [name]: 'x' } } }] }];
    const outcome = (documents: object[]) => [{ collectionName: 'x', databaseName: 'selfcheck', documents }];
    await run({ operations: [{ ...find, expectResult: [{ _id: 1, v: 1 }] }], expectEvents: events('find'), outcome: outcome([{ _id: 1, v: 1 }]) });
    await expect(run({ operations: [{ ...find, expectResult: [{ _id: 1, v: 2 }] }] })).rejects.toThrow(/expected number 2/);
    await expect(run({ operations: [{ ...find, expectResult: [] }] })).rejects.toThrow(/expected 0 elements/);
    await expect(run({ operations: [{ ...find, expectError: { isError: true } }] })).rejects.toThrow(/expected an error/);
    await expect(run({ operations: [find], expectEvents: events('insert') })).rejects.toThrow(/expected command insert/);
    await expect(run({ operations: [find], outcome: outcome([{ _id: 1, v: 1, extra: true }]) })).rejects.toThrow(/missing field/);
    await expect(run({ operations: [find], outcome: outcome([]) })).rejects.toThrow(/expected 0 elements/);
    const dup = { name: 'insertOne', object: 'x', arguments: { document: { _id: 1 } } };
    await run({ operations: [{ ...dup, expectError: { isClientError: false, errorCode: 11000, errorCodeName: 'DuplicateKey', errorContains: 'E11000' } }] });
    await expect(run({ operations: [{ ...dup, expectError: { isClientError: true } }] })).rejects.toThrow(/expected a client-side error/);
    await expect(run({ operations: [{ ...dup, expectError: { errorCode: 11001 } }] })).rejects.toThrow(/expected code 11001/);
  });

  registerSpecTests(() => ts, facts);
});

// The same files against the server in replica-set mode (sessions, txnNumber on writes).
describe.skipIf(!available)('unified CRUD conformance, replica-set mode', () => {
  let ts: TestServer;
  beforeAll(async () => {
    ts = await startServer({ replSet: 'rs0' });
    expect((await ts.client.db('admin').command({ hello: 1 })).setName).toBe('rs0');
  });
  afterAll(async () => {
    await ts?.stop();
  });
  registerSpecTests(() => ts, { version: '7.0.0', topology: 'replicaset' });
});
