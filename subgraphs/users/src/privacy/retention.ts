import type { Connection } from 'mongoose';
import { retentionJob } from '@leadgraph/privacy-kit';
import type { JobDefinition } from '@leadgraph/scheduler';
import { PERSONAL_SCHEMAS, personalDeclarations } from './storage.ts';

/**
 * Issue 7: every `retention` declared on this subgraph's `@personal` fields is enforced, and
 * documents an erasure put under legal hold are deleted once their `heldUntil` passed. One job
 * on `@leadgraph/scheduler`, each run recording its counts per collection.
 */
export function personalDataRetentionJob(connection: Connection): JobDefinition {
  return retentionJob({ connection, schemas: PERSONAL_SCHEMAS, declarations: personalDeclarations, name: 'users.retention-personal-data' });
}
