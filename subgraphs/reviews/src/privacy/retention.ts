import type { Connection } from 'mongoose';
import type { Logger } from '@leadgraph/logging';
import { retentionJob } from '@leadgraph/privacy-kit';
import { createScheduler, systemClock, type Clock, type JobDefinition, type Scheduler } from '@leadgraph/scheduler';
import { PERSONAL_SCHEMAS, personalDeclarations } from './storage.ts';

/**
 * Issue 7: every `retention` declared on this subgraph's `@personal` fields is enforced, and
 * documents an erasure put under legal hold are deleted once their `heldUntil` passed. One job
 * on `@leadgraph/scheduler`, each run recording its counts per collection.
 */
export function personalDataRetentionJob(connection: Connection): JobDefinition {
  return retentionJob({ connection, schemas: PERSONAL_SCHEMAS, declarations: personalDeclarations, name: 'reviews.retention-personal-data' });
}

/** The subgraph's scheduler with the retention job, polling (stop it on shutdown). */
export function startRetentionScheduler(options: { connection: Connection; logger: Logger; clock?: Clock; pollIntervalMs?: number }): Scheduler {
  const scheduler = createScheduler({
    db: options.connection,
    clock: options.clock ?? systemClock,
    logger: options.logger.child({ component: 'scheduler' }),
    jobs: [personalDataRetentionJob(options.connection)],
    ...(options.pollIntervalMs === undefined ? {} : { pollIntervalMs: options.pollIntervalMs }),
  });
  scheduler.start();
  return scheduler;
}
