import { randomUUID } from 'node:crypto';
import { Types, type Connection } from 'mongoose';
import { createLogger, type Logger } from '@leadgraph/logging';
import { systemClock, type Clock } from './clock.ts';
import { assertValidJob, errorCode, validateResult, type JobDefinition } from './job.ts';
import { schedulerModels, type JobDocument, type LastRun, type RunDocument, type RunOutcome } from './models.ts';
import { afterRun } from './schedule.ts';

export interface SchedulerOptions {
  /** The service's own database: `scheduler_jobs` and `scheduler_runs` live there. */
  db: Connection;
  jobs: readonly JobDefinition[];
  /** Default: the wall clock. Tests pass `manualClock()`. */
  clock?: Clock;
  logger?: Logger;
  /** Names this instance in leases and run records; default `scheduler-<uuid>`. */
  instanceId?: string;
  /** How often `start()` looks for due jobs (real time); default 30 s. */
  pollIntervalMs?: number;
  /** How long a claim holds a job unless renewed; default 60 s. Renewed every third of it while the handler runs. */
  leaseMs?: number;
  /** Runs older than this are deleted after each run of their job; default 90 days. */
  runHistoryMs?: number;
}

/** One run as the admin view shows it. */
export interface RunSummary {
  runId: string;
  job: string;
  owner: string;
  scheduledAt: Date;
  startedAt: Date;
  finishedAt: Date | null;
  outcome: RunOutcome;
  errorCode: string | null;
  removed: Record<string, number>;
}

/** A job as the admin view shows it: schedule, who holds it, its latest runs. */
export interface JobStatus {
  name: string;
  description: string | null;
  intervalMs: number;
  nextRunAt: Date;
  /** Whether this instance has a handler for it (a job renamed or removed in code stays listed). */
  registered: boolean;
  /** The current holder while a run is in progress (lease not expired), else null. */
  lease: { owner: string; until: Date } | null;
  lastRun: Omit<RunSummary, 'job' | 'owner' | 'scheduledAt'> | null;
  /** Latest runs first. */
  recentRuns: RunSummary[];
}

/** What one `runDueJobs()` did: the runs this instance started, in order. */
export interface TickResult {
  runs: Array<Pick<RunSummary, 'runId' | 'job' | 'outcome' | 'errorCode' | 'removed'>>;
}

export interface Scheduler {
  readonly instanceId: string;
  /** Registers the jobs, then polls every `pollIntervalMs`. Idempotent. */
  start(): void;
  /**
   * Stops polling, aborts the running handler's signal and waits for it to return and be
   * recorded. A handler that ignores the signal is still waited for.
   */
  stop(): Promise<void>;
  /** Runs every job due now (by the clock) that no other instance holds, one after another. */
  runDueJobs(): Promise<TickResult>;
  /** Every job in the database, by name, with its latest `runs` runs (default 5). */
  listJobs(options?: { runs?: number }): Promise<JobStatus[]>;
}

const DEFAULTS = { pollIntervalMs: 30_000, leaseMs: 60_000, runHistoryMs: 90 * 24 * 60 * 60 * 1000 };
const plus = (date: Date, ms: number) => new Date(date.getTime() + ms);

function toRunSummary(run: RunDocument & { _id: Types.ObjectId }): RunSummary {
  return {
    runId: run._id.toHexString(),
    job: run.job,
    owner: run.owner,
    scheduledAt: run.scheduledAt,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt ?? null,
    outcome: run.outcome,
    errorCode: run.errorCode ?? null,
    removed: { ...run.removed },
  };
}

/**
 * A job scheduler over MongoDB that any number of instances of a service can run at once.
 * A job runs only under a lease taken with one atomic `findOneAndUpdate` (due and not held,
 * or held under an expired lease), so it never runs twice at the same time; the holder renews
 * the lease while its handler runs, and a crashed holder's lease simply expires.
 */
export function createScheduler(options: SchedulerOptions): Scheduler {
  for (const job of options.jobs) assertValidJob(job);
  const names = new Set<string>();
  for (const job of options.jobs) {
    if (names.has(job.name)) throw new TypeError(`Job ${job.name} is registered twice`);
    names.add(job.name);
  }
  const instanceId = options.instanceId ?? `scheduler-${randomUUID()}`;
  const clock = options.clock ?? systemClock;
  const pollIntervalMs = options.pollIntervalMs ?? DEFAULTS.pollIntervalMs;
  const defaultLeaseMs = options.leaseMs ?? DEFAULTS.leaseMs;
  const runHistoryMs = options.runHistoryMs ?? DEFAULTS.runHistoryMs;
  const log = (options.logger ?? createLogger('scheduler')).child({ component: 'scheduler', instanceId });
  const { Job, Run } = schedulerModels(options.db);

  let registered: Promise<void> | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let polling = false;
  let stopping = false;
  const running = new Set<AbortController>();

  /** Creates missing job documents (due at once) and refreshes interval and description from code. */
  async function register(): Promise<void> {
    await Promise.all([Job.init(), Run.init()]);
    const now = clock.now();
    for (const job of options.jobs) {
      const upsert = () =>
        Job.updateOne(
          { name: job.name },
          {
            $set: { intervalMs: job.intervalMs, description: job.description ?? null },
            $setOnInsert: { nextRunAt: now, slotAt: now, lease: null, lastRun: null, createdAt: now },
          },
          { upsert: true },
        );
      // Two instances starting together may both try the insert; the unique name lets one win.
      await upsert().catch((error: unknown) => {
        if ((error as { code?: unknown }).code === 11000) return upsert();
        throw error;
      });
      // A shortened interval takes effect now, not after the old, longer wait.
      await Job.updateOne(
        { name: job.name, nextRunAt: { $gt: plus(now, job.intervalMs) } },
        { $set: { nextRunAt: plus(now, job.intervalMs), slotAt: plus(now, job.intervalMs) } },
      );
    }
  }

  function ensureRegistered(): Promise<void> {
    registered ??= register().catch((error: unknown) => {
      registered = null;
      throw error;
    });
    return registered;
  }

  /** Takes the job when it is due and free (or its lease expired); returns the job as it was, or null. */
  async function claim(job: JobDefinition, leaseMs: number) {
    const now = clock.now();
    const lease = { owner: instanceId, token: randomUUID(), until: plus(now, leaseMs), runId: new Types.ObjectId() };
    const before = await Job.findOneAndUpdate(
      { name: job.name, nextRunAt: { $lte: now }, $or: [{ lease: null }, { 'lease.until': { $lte: now } }] },
      { $set: { lease } },
      { returnDocument: 'before' },
    ).lean<JobDocument>();
    if (before === null) return null;
    if (before.lease !== null && before.lease !== undefined) {
      // The previous holder died (or stalled past its lease): its run will never be recorded.
      await Run.updateOne(
        { _id: before.lease.runId, outcome: 'running' },
        { $set: { outcome: 'abandoned', errorCode: 'LEASE_EXPIRED', finishedAt: now } },
      );
      log.warn({ job: job.name, runId: String(before.lease.runId), previousOwner: before.lease.owner }, 'job lease expired, taken over');
    }
    await Run.create({
      _id: lease.runId,
      job: job.name,
      owner: instanceId,
      scheduledAt: before.slotAt,
      startedAt: now,
      finishedAt: null,
      outcome: 'running',
      errorCode: null,
      removed: {},
    });
    return { scheduledAt: before.slotAt, startedAt: now, lease };
  }

  /** Keeps the lease alive while the handler runs; aborts the handler when the lease was lost. */
  function keepLease(job: JobDefinition, token: string, leaseMs: number, controller: AbortController) {
    const renew = setInterval(() => {
      Job.updateOne({ name: job.name, 'lease.token': token }, { $set: { 'lease.until': plus(clock.now(), leaseMs) } })
        .then((result) => {
          if (result.matchedCount === 0 && !controller.signal.aborted) {
            log.warn({ job: job.name }, 'job lease lost while running');
            controller.abort(new Error('LEASE_LOST'));
          }
        })
        .catch((error: unknown) => log.warn({ job: job.name, errorCode: errorCode(error) }, 'job lease renewal failed'));
    }, Math.max(1, Math.floor(leaseMs / 3)));
    renew.unref();
    return () => clearInterval(renew);
  }

  async function execute(job: JobDefinition): Promise<TickResult['runs'][number] | null> {
    const leaseMs = job.leaseMs ?? defaultLeaseMs;
    const claimed = await claim(job, leaseMs);
    if (claimed === null) return null;
    const runId = claimed.lease.runId.toHexString();
    const runLog = log.child({ job: job.name, runId });
    const controller = new AbortController();
    running.add(controller);
    if (stopping) controller.abort(new Error('STOPPING'));
    const release = keepLease(job, claimed.lease.token, leaseMs, controller);
    let outcome: 'ok' | 'failed' = 'ok';
    let code: string | null = null;
    let removed: Record<string, number> = {};
    try {
      const result = await job.handler({
        startedAt: claimed.startedAt,
        runId,
        signal: controller.signal,
        now: () => clock.now(),
        logger: runLog,
      });
      removed = validateResult(result);
    } catch (error) {
      outcome = 'failed';
      code = errorCode(error);
    } finally {
      release();
      running.delete(controller);
    }
    const finishedAt = clock.now();
    await Run.updateOne({ _id: claimed.lease.runId }, { $set: { finishedAt, outcome, errorCode: code, removed } });
    const next = afterRun(claimed.scheduledAt, job.intervalMs, finishedAt, outcome, job.retryDelayMs);
    const lastRun: LastRun = { runId: claimed.lease.runId, startedAt: claimed.startedAt, finishedAt, outcome, errorCode: code, removed };
    const settled = await Job.updateOne(
      { name: job.name, 'lease.token': claimed.lease.token },
      { $set: { lease: null, ...next, lastRun } },
    );
    if (settled.matchedCount === 0) runLog.warn({ outcome }, 'job finished after its lease was taken over');
    const fields = { outcome, errorCode: code, removed, durationMs: finishedAt.getTime() - claimed.startedAt.getTime() };
    if (outcome === 'ok') runLog.info(fields, 'job run finished');
    else runLog.error(fields, 'job run failed');
    await Run.deleteMany({ job: job.name, startedAt: { $lt: plus(finishedAt, -runHistoryMs) } }).catch((error: unknown) =>
      runLog.warn({ errorCode: errorCode(error) }, 'pruning old job runs failed'),
    );
    return { runId, job: job.name, outcome, errorCode: code, removed };
  }

  async function tick(): Promise<TickResult> {
    await ensureRegistered();
    const runs: TickResult['runs'] = [];
    for (const job of options.jobs) {
      if (stopping) break;
      const run = await execute(job);
      if (run !== null) runs.push(run);
    }
    return { runs };
  }

  function runDueJobs(): Promise<TickResult> {
    const run = queue.then(tick);
    queue = run.catch(() => undefined);
    return run;
  }

  function poll(delayMs: number): void {
    if (stopping) return;
    timer = setTimeout(() => {
      runDueJobs()
        .catch((error: unknown) => log.error({ errorCode: errorCode(error) }, 'scheduler tick failed'))
        .finally(() => poll(pollIntervalMs));
    }, delayMs);
  }

  return {
    instanceId,
    start() {
      if (polling || stopping) return;
      polling = true;
      poll(0);
    },
    async stop() {
      stopping = true;
      clearTimeout(timer);
      for (const controller of running) controller.abort(new Error('STOPPING'));
      await queue;
    },
    runDueJobs,
    async listJobs({ runs = 5 } = {}) {
      const now = clock.now();
      const jobs = await Job.find({}).sort({ name: 1 }).lean<Array<JobDocument & { _id: Types.ObjectId }>>();
      return Promise.all(
        jobs.map(async (job): Promise<JobStatus> => {
          const recent = await Run.find({ job: job.name })
            .sort({ startedAt: -1, _id: -1 })
            .limit(runs)
            .lean<Array<RunDocument & { _id: Types.ObjectId }>>();
          const lease = job.lease !== null && job.lease !== undefined && job.lease.until > now ? job.lease : null;
          return {
            name: job.name,
            description: job.description ?? null,
            intervalMs: job.intervalMs,
            nextRunAt: job.nextRunAt,
            registered: names.has(job.name),
            lease: lease === null ? null : { owner: lease.owner, until: lease.until },
            lastRun:
              job.lastRun === null || job.lastRun === undefined
                ? null
                : {
                    runId: job.lastRun.runId.toHexString(),
                    startedAt: job.lastRun.startedAt,
                    finishedAt: job.lastRun.finishedAt,
                    outcome: job.lastRun.outcome,
                    errorCode: job.lastRun.errorCode ?? null,
                    removed: { ...job.lastRun.removed },
                  },
            recentRuns: recent.map(toRunSummary),
          };
        }),
      );
    },
  };
}
