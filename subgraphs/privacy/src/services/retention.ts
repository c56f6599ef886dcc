import type { JobDefinition, Scheduler } from '@leadgraph/scheduler';
import type { Models } from '../loaders.ts';
import type { ExportArtifactRecord } from '../models/export-artifact.ts';
import type { ExportArchiveStore } from './export-archive-store.ts';

/** Deletions per batch: a long backlog is removed in bounded steps that check the stop signal. */
const BATCH = 1_000;

/** Expired exports: each archive (GridFS) first, then its record, batch by batch; returns how many. */
async function deleteExpiredExports(models: Models, archives: ExportArchiveStore, now: Date, signal: AbortSignal): Promise<number> {
  let deleted = 0;
  while (!signal.aborted) {
    const expired = await models.ExportArtifact.find({ expiresAt: { $lte: now } }, { _id: 1, fileId: 1 }).sort({ _id: 1 }).limit(BATCH).lean<Array<Pick<ExportArtifactRecord, '_id' | 'fileId'>>>();
    for (const artifact of expired) {
      await archives.delete(artifact.fileId);
      deleted += (await models.ExportArtifact.deleteOne({ _id: artifact._id, expiresAt: { $lte: now } })).deletedCount;
    }
    if (expired.length < BATCH) break;
  }
  return deleted;
}

/**
 * The privacy subgraph's own retention job, beside the one every subgraph runs for the
 * retentions declared on its `@personal` fields (`privacy.retention-personal-data`: technical
 * data after 12 months, with their TTL index as a safety net). Exports have no declared field
 * retention: their archives live in GridFS and must go with their records, which only this job
 * does. Run by `@leadgraph/scheduler`, once per slot across instances, counts recorded per run.
 */
export function retentionJobs(models: Models, archives: ExportArchiveStore): JobDefinition[] {
  return [
    {
      name: 'privacy.expired-exports',
      description: 'Deletes data exports whose 7-day download link has expired.',
      intervalMs: 60 * 60 * 1000,
      retryDelayMs: 10 * 60 * 1000,
      handler: async ({ now, signal }) => ({ removed: { exports: await deleteExpiredExports(models, archives, now(), signal) } }),
    },
  ];
}

/** `retentionSchedule` for admins: every job with its next run and its latest runs. */
export async function retentionSchedule(scheduler: Scheduler) {
  const jobs = await scheduler.listJobs({ runs: 10 });
  return jobs
    .filter((job) => job.name.startsWith('privacy.'))
    .map((job) => ({
      name: job.name,
      description: job.description ?? '',
      nextRunAt: job.nextRunAt,
      lastRuns: job.recentRuns.map((run) => ({
        startedAt: run.startedAt,
        finishedAt: run.finishedAt,
        deleted: Object.values(run.removed).reduce((sum, n) => sum + n, 0),
        outcome: run.outcome === 'ok' ? 'SUCCEEDED' : run.outcome === 'running' ? 'RUNNING' : 'FAILED',
      })),
    }));
}
