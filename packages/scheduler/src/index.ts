export { createScheduler, type JobStatus, type RunSummary, type Scheduler, type SchedulerOptions, type TickResult } from './scheduler.ts';
export { JobError, errorCode, type JobContext, type JobDefinition, type JobResult } from './job.ts';
export { manualClock, systemClock, type Clock, type ManualClock } from './clock.ts';
export { JOBS_COLLECTION, RUNS_COLLECTION, RUN_OUTCOMES, type RunOutcome } from './models.ts';
export { nextSlot } from './schedule.ts';
