import type { Connection } from 'mongoose';
import { onTestFinished } from 'vitest';
import { connectDatabase, type MongoHandle } from '@leadgraph/db';
import { createLogger } from '@leadgraph/logging';
import { uniqueDbName } from '@leadgraph/testing';
import { createScheduler, type Scheduler, type SchedulerOptions } from '../src/index.ts';

export const silent = createLogger('scheduler-test', { level: 'silent' });

/** A fresh database for this test, closed when it finishes. */
export async function freshDb(mongo: MongoHandle): Promise<{ db: Connection; dbName: string }> {
  const dbName = uniqueDbName('scheduler');
  const db = await connectDatabase(mongo.uri, dbName);
  onTestFinished(() => db.close());
  return { db, dbName };
}

/** A scheduler stopped when the test finishes. */
export function schedulerUnderTest(options: SchedulerOptions): Scheduler {
  const scheduler = createScheduler({ logger: silent, ...options });
  onTestFinished(() => scheduler.stop());
  return scheduler;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
