import { Schema, type Connection, type Model, type Types } from 'mongoose';

/** Outcome of one run. `running` until it ends; `abandoned` when its holder died and the lease ran out. */
export const RUN_OUTCOMES = ['running', 'ok', 'failed', 'abandoned'] as const;
export type RunOutcome = (typeof RUN_OUTCOMES)[number];

/** Who holds a job now: an instance, a token unique to the claim, until when, for which run. */
export interface Lease {
  owner: string;
  token: string;
  until: Date;
  runId: Types.ObjectId;
}

/** The summary of a job's last finished run, kept on the job for the admin list. */
export interface LastRun {
  runId: Types.ObjectId;
  startedAt: Date;
  finishedAt: Date;
  outcome: Exclude<RunOutcome, 'running'>;
  errorCode?: string | null;
  removed: Record<string, number>;
}

/** One document per job name in `scheduler_jobs`. */
export interface JobDocument {
  name: string;
  description?: string | null;
  intervalMs: number;
  /** When the job is next due (scheduler clock). */
  nextRunAt: Date;
  /** The grid slot the next run serves: `nextRunAt`, except while a failed slot is being retried. */
  slotAt: Date;
  /** Null when nobody holds the job. */
  lease: Lease | null;
  lastRun: LastRun | null;
  createdAt: Date;
}

/** One document per run in `scheduler_runs`: counts and codes, never values. */
export interface RunDocument {
  job: string;
  owner: string;
  /** The due time this run served (the grid slot). */
  scheduledAt: Date;
  startedAt: Date;
  finishedAt: Date | null;
  outcome: RunOutcome;
  errorCode: string | null;
  /** What the handler removed, per kind: counts only. */
  removed: Record<string, number>;
}

export const JOBS_COLLECTION = 'scheduler_jobs';
export const RUNS_COLLECTION = 'scheduler_runs';

const leaseSchema = new Schema<Lease>(
  { owner: String, token: String, until: Date, runId: Schema.Types.ObjectId },
  { _id: false },
);
const lastRunSchema = new Schema<LastRun>(
  {
    runId: Schema.Types.ObjectId,
    startedAt: Date,
    finishedAt: Date,
    outcome: { type: String, enum: RUN_OUTCOMES },
    errorCode: String,
    removed: { type: Map, of: Number },
  },
  { _id: false },
);

const jobSchema = new Schema<JobDocument>(
  {
    name: { type: String, required: true },
    description: { type: String },
    intervalMs: { type: Number, required: true },
    nextRunAt: { type: Date, required: true },
    slotAt: { type: Date, required: true },
    lease: { type: leaseSchema, default: null },
    lastRun: { type: lastRunSchema, default: null },
    createdAt: { type: Date, required: true },
  },
  { collection: JOBS_COLLECTION, versionKey: false },
);
jobSchema.index({ name: 1 }, { unique: true });

const runSchema = new Schema<RunDocument>(
  {
    job: { type: String, required: true },
    owner: { type: String, required: true },
    scheduledAt: { type: Date, required: true },
    startedAt: { type: Date, required: true },
    finishedAt: { type: Date, default: null },
    outcome: { type: String, enum: RUN_OUTCOMES, required: true },
    errorCode: { type: String, default: null },
    removed: { type: Map, of: Number, default: {} },
  },
  { collection: RUNS_COLLECTION, versionKey: false },
);
// The admin view: a job's latest runs; pruning: a job's runs older than the history.
runSchema.index({ job: 1, startedAt: -1 });

export type JobModel = Model<JobDocument>;
export type RunModel = Model<RunDocument>;

/** The two models on a connection (registered once per connection). */
export function schedulerModels(db: Connection): { Job: JobModel; Run: RunModel } {
  return {
    Job: (db.models.SchedulerJob as JobModel | undefined) ?? db.model<JobDocument>('SchedulerJob', jobSchema),
    Run: (db.models.SchedulerRun as RunModel | undefined) ?? db.model<RunDocument>('SchedulerRun', runSchema),
  };
}
