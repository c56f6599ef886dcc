import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { MongoHandle } from '@leadgraph/db';
import { startTestDatabase } from '@leadgraph/testing';
import { JOBS_COLLECTION, JobError, RUNS_COLLECTION, manualClock, type JobDefinition } from '../src/index.ts';
import { freshDb, schedulerUnderTest, sleep } from './helpers.ts';

let mongo: MongoHandle;
beforeAll(async () => {
  mongo = await startTestDatabase();
});
afterAll(() => mongo.stop());

const MINUTE = 60_000;

describe('scheduler', () => {
  it('runs a job when the clock says it is due, records the run with its counts, and schedules the next slot', async () => {
    const { db } = await freshDb(mongo);
    const clock = manualClock(new Date('2026-03-01T03:00:00Z'));
    const seen: Date[] = [];
    const scheduler = schedulerUnderTest({
      db,
      clock,
      jobs: [
        {
          name: 'retention.sessions',
          description: 'Deletes expired sessions.',
          intervalMs: 60 * MINUTE,
          handler: async ({ now }) => {
            seen.push(now());
            return { removed: { sessions: 3, tokens: 0 } };
          },
        },
      ],
    });

    const first = await scheduler.runDueJobs();
    expect(first.runs).toMatchObject([{ job: 'retention.sessions', outcome: 'ok', errorCode: null, removed: { sessions: 3, tokens: 0 } }]);
    clock.advance(59 * MINUTE);
    expect((await scheduler.runDueJobs()).runs).toEqual([]);
    clock.advance(MINUTE);
    expect((await scheduler.runDueJobs()).runs).toHaveLength(1);
    expect(seen).toEqual([new Date('2026-03-01T03:00:00Z'), new Date('2026-03-01T04:00:00Z')]);

    const [job] = await scheduler.listJobs();
    expect(job).toMatchObject({
      name: 'retention.sessions',
      description: 'Deletes expired sessions.',
      intervalMs: 60 * MINUTE,
      registered: true,
      nextRunAt: new Date('2026-03-01T05:00:00Z'),
      lease: null,
      lastRun: { outcome: 'ok', startedAt: new Date('2026-03-01T04:00:00Z'), removed: { sessions: 3, tokens: 0 } },
    });
    expect(job?.recentRuns.map((r) => [r.startedAt.toISOString(), r.outcome])).toEqual([
      ['2026-03-01T04:00:00.000Z', 'ok'],
      ['2026-03-01T03:00:00.000Z', 'ok'],
    ]);
    const stored = await db.collection(RUNS_COLLECTION).find({}).toArray();
    expect(stored.map((r) => r.removed)).toEqual([{ sessions: 3, tokens: 0 }, { sessions: 3, tokens: 0 }]);
  });

  it('skips missed slots after an outage instead of replaying them', async () => {
    const { db } = await freshDb(mongo);
    const clock = manualClock(new Date('2026-03-01T03:00:00Z'));
    let runs = 0;
    const scheduler = schedulerUnderTest({
      db,
      clock,
      jobs: [{ name: 'hourly', intervalMs: 60 * MINUTE, handler: async () => void runs++ }],
    });
    await scheduler.runDueJobs();
    clock.advance(5 * 60 * MINUTE + 30 * MINUTE);
    await scheduler.runDueJobs();
    await scheduler.runDueJobs();
    expect(runs).toBe(2);
    expect((await scheduler.listJobs())[0]?.nextRunAt).toEqual(new Date('2026-03-01T09:00:00Z'));
  });

  it('records a failure with a code, never the message, and retries after retryDelayMs', async () => {
    const { db } = await freshDb(mongo);
    const clock = manualClock(new Date('2026-03-01T03:00:00Z'));
    const failures: unknown[] = [new JobError('DOWNSTREAM_TIMEOUT', 'user jane@example.com'), new TypeError('jane@example.com')];
    const scheduler = schedulerUnderTest({
      db,
      clock,
      jobs: [
        {
          name: 'flaky',
          intervalMs: 24 * 60 * MINUTE,
          retryDelayMs: 10 * MINUTE,
          handler: async () => {
            const failure = failures.shift();
            if (failure !== undefined) throw failure;
            return { removed: { leads: 1 } };
          },
        },
      ],
    });
    expect((await scheduler.runDueJobs()).runs).toMatchObject([{ outcome: 'failed', errorCode: 'DOWNSTREAM_TIMEOUT', removed: {} }]);
    clock.advance(10 * MINUTE);
    expect((await scheduler.runDueJobs()).runs).toMatchObject([{ outcome: 'failed', errorCode: 'TypeError' }]);
    clock.advance(10 * MINUTE);
    expect((await scheduler.runDueJobs()).runs).toMatchObject([{ outcome: 'ok', removed: { leads: 1 } }]);
    const stored = JSON.stringify(await db.collection(RUNS_COLLECTION).find({}).toArray());
    expect(stored).not.toContain('jane');
    const [job] = await scheduler.listJobs();
    expect(job?.recentRuns.map((r) => r.errorCode)).toEqual([null, 'TypeError', 'DOWNSTREAM_TIMEOUT']);
    // After the success the daily grid holds again: 03:00 the next day.
    expect(job?.nextRunAt).toEqual(new Date('2026-03-02T03:00:00Z'));
  });

  it('refuses a result that is not a map of counts (a value could leak into the run record)', async () => {
    const { db } = await freshDb(mongo);
    const scheduler = schedulerUnderTest({
      db,
      clock: manualClock(),
      jobs: [{ name: 'leaky', intervalMs: MINUTE, handler: async () => ({ removed: { 'jane@example.com': 1 } }) }],
    });
    expect((await scheduler.runDueJobs()).runs).toMatchObject([{ outcome: 'failed', errorCode: 'INVALID_RESULT', removed: {} }]);
    expect(JSON.stringify(await db.collection(RUNS_COLLECTION).find({}).toArray())).not.toContain('jane');
  });

  it('never runs a job on two instances at once, however the ticks race', async () => {
    const { db } = await freshDb(mongo);
    const clock = manualClock(new Date('2026-03-01T00:00:00Z'));
    let active = 0;
    let maxActive = 0;
    let runs = 0;
    const job: JobDefinition = {
      name: 'contended',
      intervalMs: MINUTE,
      handler: async () => {
        active++;
        maxActive = Math.max(maxActive, active);
        runs++;
        await sleep(Math.random() * 5);
        active--;
      },
    };
    const a = schedulerUnderTest({ db, clock, jobs: [job], instanceId: 'a' });
    const b = schedulerUnderTest({ db, clock, jobs: [job], instanceId: 'b' });
    const rounds = 40;
    for (let round = 0; round < rounds; round++) {
      const ticks = await Promise.all([a.runDueJobs(), b.runDueJobs(), b.runDueJobs(), a.runDueJobs()]);
      // Exactly one of the four ticks ran the job in this round.
      expect(ticks.flatMap((t) => t.runs)).toHaveLength(1);
      clock.advance(MINUTE);
    }
    expect(maxActive).toBe(1);
    expect(runs).toBe(rounds);
    expect(await db.collection(RUNS_COLLECTION).countDocuments({ outcome: 'ok' })).toBe(rounds);
  });

  it('never overlaps runs when two polling instances race on the wall clock', async () => {
    const { db } = await freshDb(mongo);
    let active = 0;
    let maxActive = 0;
    const job: JobDefinition = {
      name: 'busy',
      intervalMs: 5,
      handler: async () => {
        active++;
        maxActive = Math.max(maxActive, active);
        await sleep(3 + Math.random() * 6);
        active--;
      },
    };
    const a = schedulerUnderTest({ db, jobs: [job], pollIntervalMs: 2, instanceId: 'a' });
    const b = schedulerUnderTest({ db, jobs: [job], pollIntervalMs: 2, instanceId: 'b' });
    a.start();
    b.start();
    await sleep(1500);
    await Promise.all([a.stop(), b.stop()]);
    expect(maxActive).toBe(1);
    // The recorded runs do not overlap either: each starts after the previous one finished.
    const runs = await db.collection(RUNS_COLLECTION).find({ job: 'busy' }).sort({ startedAt: 1, _id: 1 }).toArray();
    expect(runs.length).toBeGreaterThan(3);
    for (let i = 1; i < runs.length; i++) {
      expect(runs[i]!.startedAt.getTime()).toBeGreaterThanOrEqual(runs[i - 1]!.finishedAt.getTime());
    }
    expect(runs.every((r) => r.outcome === 'ok')).toBe(true);
  });

  it('takes over a job whose holder crashed once its lease expires, marking the lost run abandoned', async () => {
    const { db, dbName } = await freshDb(mongo);
    // Long enough that the dead holder's lease is surely still live when the survivor first looks
    // (the survivor's clock is manual, so waiting it out costs nothing).
    const leaseMs = 60_000;
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./fixtures/crashing-holder.ts', import.meta.url))], {
      env: { ...process.env, MONGODB_URI: mongo.uri, MONGODB_DB: dbName, LEASE_MS: String(leaseMs) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise((resolve) => child.once('close', resolve));
    onTestFinished(async () => {
      child.kill('SIGKILL');
      await exited;
    });
    const started = await new Promise<{ runId: string }>((resolve, reject) => {
      createInterface({ input: child.stdout! }).on('line', (line) => resolve(JSON.parse(line) as { runId: string }));
      void exited.then(() => reject(new Error('holder exited early')));
    });
    child.kill('SIGKILL');
    await exited;

    const clock = manualClock();
    let ran = 0;
    const survivor = schedulerUnderTest({
      db,
      clock,
      leaseMs,
      instanceId: 'survivor',
      jobs: [{ name: 'crashy', intervalMs: 60_000, handler: async () => void ran++ }],
    });
    // The dead holder's lease still holds: nothing runs.
    expect((await survivor.runDueJobs()).runs).toEqual([]);
    const held = await survivor.listJobs();
    expect(held[0]?.lease?.owner).toBe('crashing-holder');
    clock.advance(leaseMs + 1_000);
    const tick = await survivor.runDueJobs();
    expect(tick.runs).toMatchObject([{ job: 'crashy', outcome: 'ok' }]);
    expect(ran).toBe(1);
    const runs = await db.collection(RUNS_COLLECTION).find({}).sort({ startedAt: 1 }).toArray();
    expect(runs.map((r) => [r._id.toHexString(), r.owner, r.outcome, r.errorCode])).toEqual([
      [started.runId, 'crashing-holder', 'abandoned', 'LEASE_EXPIRED'],
      [tick.runs[0]!.runId, 'survivor', 'ok', null],
    ]);
  });

  it('renews the lease of a long run, so another instance does not take it over', async () => {
    const { db } = await freshDb(mongo);
    let active = 0;
    let maxActive = 0;
    const job: JobDefinition = {
      name: 'long',
      intervalMs: 1,
      handler: async () => {
        active++;
        maxActive = Math.max(maxActive, active);
        await sleep(1_500);
        active--;
      },
    };
    // The run lasts 2.5 leases; without renewal b would take it over after the first.
    const a = schedulerUnderTest({ db, jobs: [job], leaseMs: 600, instanceId: 'a' });
    const b = schedulerUnderTest({ db, jobs: [job], leaseMs: 600, instanceId: 'b' });
    const first = a.runDueJobs();
    await sleep(100);
    for (let i = 0; i < 12; i++) {
      expect((await b.runDueJobs()).runs).toEqual([]);
      await sleep(100);
    }
    expect((await first).runs).toMatchObject([{ outcome: 'ok' }]);
    expect(maxActive).toBe(1);
  });

  it('stop() waits for the running handler, which sees its signal aborted, and records the run', async () => {
    const { db } = await freshDb(mongo);
    let sawAbort = false;
    const scheduler = schedulerUnderTest({
      db,
      clock: manualClock(),
      jobs: [
        {
          name: 'batches',
          intervalMs: MINUTE,
          handler: async ({ signal }) => {
            let removed = 0;
            while (!signal.aborted) {
              removed++;
              await sleep(10);
            }
            sawAbort = true;
            return { removed: { items: removed } };
          },
        },
      ],
    });
    const tick = scheduler.runDueJobs();
    await sleep(100);
    await scheduler.stop();
    expect(sawAbort).toBe(true);
    const [run] = (await tick).runs;
    expect(run?.outcome).toBe('ok');
    expect(run?.removed.items).toBeGreaterThan(0);
    const [job] = await db.collection(JOBS_COLLECTION).find({}).toArray();
    expect(job?.lease).toBeNull();
    expect(job?.lastRun?.outcome).toBe('ok');
  });

  it('lists jobs from the database, including one no longer registered here', async () => {
    const { db } = await freshDb(mongo);
    const clock = manualClock();
    const old = schedulerUnderTest({ db, clock, jobs: [{ name: 'old-job', intervalMs: MINUTE, handler: async () => undefined }] });
    await old.runDueJobs();
    const current = schedulerUnderTest({ db, clock, jobs: [{ name: 'new-job', intervalMs: MINUTE, handler: async () => undefined }] });
    await current.runDueJobs();
    const jobs = await current.listJobs({ runs: 1 });
    expect(jobs.map((j) => [j.name, j.registered, j.recentRuns.length])).toEqual([
      ['new-job', true, 1],
      ['old-job', false, 1],
    ]);
  });

  it('refuses invalid job definitions', () => {
    const handler = async () => undefined;
    expect(() => schedulerUnderTest({ db: {} as never, jobs: [{ name: 'Bad Name', intervalMs: 1, handler }] })).toThrow(TypeError);
    expect(() => schedulerUnderTest({ db: {} as never, jobs: [{ name: 'ok', intervalMs: 0, handler }] })).toThrow(TypeError);
    expect(() =>
      schedulerUnderTest({
        db: {} as never,
        jobs: [
          { name: 'twice', intervalMs: 1, handler },
          { name: 'twice', intervalMs: 1, handler },
        ],
      }),
    ).toThrow(/registered twice/);
  });
});
