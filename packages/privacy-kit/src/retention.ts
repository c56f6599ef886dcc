import type { Connection, Schema } from 'mongoose';
import type { PersonalDeclarations } from './declarations.ts';
import type { Duration } from './duration.ts';
import { HELD_UNTIL_FIELD } from './erase.ts';
import { changeAt, deletedValue, topLevelUpdate } from './erase-document.ts';
import { planCollections, type CollectionPlan, type PersonalLeaf } from './erasure-plan.ts';

/**
 * The retention runner (issue 7: "every retention declared on the schema is enforced"): for
 * every stored path whose `@personal` field declares a `retention`, values older than it (dated
 * by the collection's `datedBy`, default `createdAt`) are removed; a document whose personal
 * paths all have a retention and that is not `keepDocument` is deleted as a whole once its
 * longest retention passed; documents an erasure put under legal hold are deleted once their
 * `heldUntil` passed. Safe to rerun (removing what is gone removes nothing).
 */

export interface RunRetentionOptions {
  connection: Connection;
  schemas: readonly Schema[];
  declarations: PersonalDeclarations;
  now: Date;
  signal?: AbortSignal;
}

/** Counts per collection, as the scheduler records them: `<collection>:deleted` (documents), `:expired` (values), `:held` (held documents deleted); no dots, which mongoose maps (the scheduler's run records) refuse. */
export type RetentionCounts = Record<string, number>;

/** `start` minus `duration`, in UTC calendar arithmetic (the inverse of `addDuration`). */
export function subtractDuration(start: Date, duration: Duration): Date {
  const end = new Date(start.getTime());
  end.setUTCFullYear(end.getUTCFullYear() - duration.years, end.getUTCMonth() - duration.months);
  end.setUTCDate(end.getUTCDate() - duration.weeks * 7 - duration.days);
  const timeMs = ((duration.hours * 60 + duration.minutes) * 60 + duration.seconds) * 1000;
  return new Date(end.getTime() - timeMs);
}

function add(counts: RetentionCounts, key: string, n: number): void {
  if (n > 0) counts[key] = (counts[key] ?? 0) + n;
}

async function expireValues(options: RunRetentionOptions, plan: CollectionPlan, leaves: PersonalLeaf[], counts: RetentionCounts): Promise<void> {
  const collection = options.connection.collection(plan.collection);
  const byDuration = new Map<string, PersonalLeaf[]>();
  for (const leaf of leaves) byDuration.set(leaf.retention!.text, [...(byDuration.get(leaf.retention!.text) ?? []), leaf]);
  for (const group of byDuration.values()) {
    const cutoff = subtractDuration(options.now, group[0]!.retention!);
    const filter = {
      [plan.datedBy]: { $lt: cutoff },
      $or: group.map((leaf) => ({ [leaf.path]: { $exists: true, $nin: [null, ''] } })),
    };
    for await (const found of collection.find(filter)) {
      if (options.signal?.aborted === true) return;
      const document = found as Record<string, unknown>;
      const touched = new Set<string>();
      for (const leaf of group) {
        const segments = leaf.path.split('.');
        if (changeAt(document, segments, () => deletedValue(leaf))) touched.add(segments[0]!);
      }
      if (touched.size === 0) continue;
      const { $set, $unset } = topLevelUpdate(document, touched);
      const update: Record<string, unknown> = {};
      if (Object.keys($set).length > 0) update.$set = $set;
      if (Object.keys($unset).length > 0) update.$unset = $unset;
      await collection.updateOne({ _id: document._id as never }, update);
      add(counts, `${plan.collection}:expired`, 1);
    }
  }
}

const longest = (leaves: readonly PersonalLeaf[]): Duration =>
  leaves.map((leaf) => leaf.retention!).reduce((a, b) => (subtractDuration(new Date(0), a) < subtractDuration(new Date(0), b) ? a : b));

/** Enforces every declared retention and every passed legal hold once; resolves with the counts. */
export async function runRetention(options: RunRetentionOptions): Promise<RetentionCounts> {
  const counts: RetentionCounts = {};
  for (const plan of planCollections(options.schemas, options.declarations)) {
    if (options.signal?.aborted === true) break;
    const collection = options.connection.collection(plan.collection);
    const held = await collection.deleteMany({ [HELD_UNTIL_FIELD]: { $lte: options.now } });
    add(counts, `${plan.collection}:held`, held.deletedCount);
    const retained = plan.leaves.filter((leaf) => leaf.retention !== null && leaf.erasure !== 'LEGAL_HOLD');
    if (retained.length === 0) continue;
    if (!plan.keepDocument && retained.length === plan.leaves.length) {
      const cutoff = subtractDuration(options.now, longest(retained));
      const deleted = await collection.deleteMany({ [plan.datedBy]: { $lt: cutoff }, [HELD_UNTIL_FIELD]: null });
      add(counts, `${plan.collection}:deleted`, deleted.deletedCount);
    }
    await expireValues(options, plan, retained, counts);
  }
  return counts;
}

/**
 * A job for `@leadgraph/scheduler` (structurally: this package does not depend on it) running
 * `runRetention` with the scheduler's clock and recording the counts.
 */
export function retentionJob(options: Omit<RunRetentionOptions, 'now' | 'signal'> & { name?: string; intervalMs?: number }): {
  name: string;
  description: string;
  intervalMs: number;
  handler: (context: { now: () => Date; signal: AbortSignal }) => Promise<{ removed: RetentionCounts }>;
} {
  return {
    name: options.name ?? 'retention.personal-data',
    description: 'Deletes personal values older than the retention their @personal field declares, and documents whose legal hold ended.',
    intervalMs: options.intervalMs ?? 6 * 60 * 60 * 1000,
    handler: async ({ now, signal }) => ({
      removed: await runRetention({ connection: options.connection, schemas: options.schemas, declarations: options.declarations, now: now(), signal }),
    }),
  };
}
