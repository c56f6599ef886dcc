import { Types, type Connection, type Schema, type mongo } from 'mongoose';
import type { PersonalDeclarations } from './declarations.ts';
import { addDuration } from './duration.ts';
import { changeAt, erasedValue, topLevelUpdate, valuesAt } from './erase-document.ts';
import { planCollections, type CollectionPlan, type PersonalLeaf, type SubjectPlan } from './erasure-plan.ts';

/**
 * The generic erasure engine (GDPR Art. 17): removes one data subject's personal data from a
 * subgraph's database, following the subgraph's `@personal` declarations (the strategy of each
 * field) and its storage declarations (which stored paths hold whose data).
 *
 * - DELETE removes the value, or the whole document when every personal path of the collection
 *   is DELETE, the document belongs to the subject alone and the collection is not declared
 *   `keepDocument`.
 * - ANONYMIZE replaces the value by its masked form (`applyMask`), `[erased]` for free text.
 * - LEGAL_HOLD keeps the held values, erases every other personal value of the document, and
 *   records `heldUntil` (now + `legalHoldFor`) on it: the retention runner deletes it then.
 *
 * Every document is changed by one atomic write, which also adds the erased paths to the
 * document's `erasedPaths`, so a rerun neither masks a masked value again nor counts it again:
 * running it twice gives the same state, and a run interrupted half-way is completed by the next.
 * The writes go to the database in unordered batches (`WRITE_BATCH`): still one write per
 * document, but one round trip per batch, so a subject with 10,000 records is not 10,000 trips.
 */

/** Documents whose writes are sent together. */
const WRITE_BATCH = 500;

/** Stored on an erased document: the paths already erased (so reruns leave them alone). */
export const ERASED_PATHS_FIELD = 'erasedPaths';
/** Stored on a document under legal hold: when the retention runner deletes it. */
export const HELD_UNTIL_FIELD = 'heldUntil';

export interface EraseSubjectOptions {
  connection: Connection;
  /** The subgraph's top-level mongoose schemas, with their storage declarations. */
  schemas: readonly Schema[];
  /** The subgraph's own `@personal` declarations (`readPersonalDeclarations(typeDefs)`). */
  declarations: PersonalDeclarations;
  /** The subject's user id (hex ObjectId; a string id is matched too). */
  subjectId: string;
  now: Date;
  /** Stops between two documents; the result then says `complete: false`. */
  signal?: AbortSignal;
  /** Called after each document erased (tests interrupt with it; the batch so far is written before the run stops). */
  onDocument?: (collection: string) => void;
}

/** Per collection: documents deleted or with values removed, with values anonymized, put under hold. */
export interface ErasureCount {
  collection: string;
  deleted: number;
  anonymized: number;
  held: number;
}

export interface ErasureResult {
  /** Collections where something was erased (counts only, never values), by name. */
  collections: ErasureCount[];
  /** The earliest `heldUntil` of the subject's held documents; null when nothing is held. */
  heldUntil: Date | null;
  /** False when the signal stopped the run before every document was done: run it again. */
  complete: boolean;
}

/** The values a subject id may be stored as: an ObjectId and its hex string. */
export function subjectIdValues(subjectId: string): unknown[] {
  return Types.ObjectId.isValid(subjectId) && /^[0-9a-f]{24}$/i.test(subjectId)
    ? [new Types.ObjectId(subjectId), subjectId]
    : [subjectId];
}

const sameId = (value: unknown, subjectId: string) => value != null && String(value).toLowerCase() === subjectId.toLowerCase();

/** No other person is a subject of the document: every subject path is the subject or empty. */
function belongsToSubjectAlone(plan: CollectionPlan, document: Record<string, unknown>, subjectId: string): boolean {
  return plan.subjects.every((subject) => valuesAt(document, subject.path.split('.')).every((value) => value == null || sameId(value, subjectId)));
}

type Outcome = { deleted: boolean; anonymized: boolean; held: boolean; heldUntil: Date | null };

function latestHold(leaves: readonly PersonalLeaf[], now: Date): Date {
  return leaves.reduce((latest, leaf) => {
    const until = leaf.legalHoldFor === null ? now : addDuration(now, leaf.legalHoldFor);
    return until > latest ? until : latest;
  }, now);
}

/** What erasing one document takes: its one write (none when nothing is left to do) and what it counts as. */
interface PlannedDocument {
  write: mongo.AnyBulkWriteOperation<mongo.Document> | null;
  outcome: Outcome;
}

function planDocument(plan: CollectionPlan, subject: SubjectPlan, document: Record<string, unknown>, options: EraseSubjectOptions): PlannedDocument | null {
  const filter = { _id: document._id } as mongo.Document;
  const heldLeaves = subject.owned.filter((leaf) => leaf.erasure === 'LEGAL_HOLD');
  const existingHold = document[HELD_UNTIL_FIELD] instanceof Date ? (document[HELD_UNTIL_FIELD] as Date) : null;
  if (
    heldLeaves.length === 0 &&
    !plan.keepDocument &&
    plan.leaves.every((leaf) => leaf.erasure === 'DELETE') &&
    belongsToSubjectAlone(plan, document, options.subjectId)
  ) {
    return { write: { deleteOne: { filter } }, outcome: { deleted: true, anonymized: false, held: false, heldUntil: null } };
  }
  const already = new Set(Array.isArray(document[ERASED_PATHS_FIELD]) ? (document[ERASED_PATHS_FIELD] as string[]) : []);
  // Under a hold, every other personal value of the document goes, whoever it belongs to.
  const targets = (heldLeaves.length > 0 ? plan.leaves.filter((leaf) => leaf.erasure !== 'LEGAL_HOLD') : subject.owned).filter(
    (leaf) => leaf.erasure !== 'LEGAL_HOLD' && !already.has(leaf.path),
  );
  const touched = new Set<string>();
  const outcome: Outcome = { deleted: false, anonymized: false, held: false, heldUntil: existingHold };
  for (const leaf of targets) {
    const segments = leaf.path.split('.');
    if (changeAt(document, segments, (value) => erasedValue(leaf, value))) {
      touched.add(segments[0]!);
      if (leaf.erasure === 'ANONYMIZE') outcome.anonymized = true;
      else outcome.deleted = true;
    }
  }
  const { $set, $unset } = topLevelUpdate(document, touched);
  if (heldLeaves.length > 0 && existingHold === null) {
    outcome.heldUntil = latestHold(heldLeaves, options.now);
    $set[HELD_UNTIL_FIELD] = outcome.heldUntil;
    outcome.held = true;
  }
  if (targets.length === 0 && !outcome.held) return outcome.heldUntil === null ? null : { write: null, outcome };
  const update: mongo.Document = { $addToSet: { [ERASED_PATHS_FIELD]: { $each: targets.map((leaf) => leaf.path) } } };
  if (Object.keys($set).length > 0) update.$set = $set;
  if (Object.keys($unset).length > 0) update.$unset = $unset;
  return { write: { updateOne: { filter, update } }, outcome };
}

/** Erases one subject's data from every declared collection of the connection's database. */
export async function eraseSubject(options: EraseSubjectOptions): Promise<ErasureResult> {
  const plans = planCollections(options.schemas, options.declarations);
  const ids = subjectIdValues(options.subjectId);
  const counts = new Map<string, ErasureCount>();
  let heldUntil: Date | null = null;
  for (const plan of plans) {
    const collection = options.connection.collection(plan.collection);
    for (const subject of plan.subjects) {
      const pending: mongo.AnyBulkWriteOperation<mongo.Document>[] = [];
      const flush = async () => {
        if (pending.length > 0) await collection.bulkWrite(pending.splice(0), { ordered: false });
      };
      const cursor = collection.find({ [subject.path]: { $in: ids } }).sort({ _id: 1 });
      for await (const found of cursor) {
        if (options.signal?.aborted === true) {
          await cursor.close();
          await flush();
          return { collections: [...counts.values()], heldUntil, complete: false };
        }
        const planned = planDocument(plan, subject, found as Record<string, unknown>, options);
        if (planned === null) continue;
        const { write, outcome } = planned;
        if (write !== null) pending.push(write);
        if (outcome.heldUntil !== null && (heldUntil === null || outcome.heldUntil < heldUntil)) heldUntil = outcome.heldUntil;
        if (outcome.deleted || outcome.anonymized || outcome.held) {
          const count = counts.get(plan.collection) ?? { collection: plan.collection, deleted: 0, anonymized: 0, held: 0 };
          count.deleted += outcome.deleted ? 1 : 0;
          count.anonymized += outcome.anonymized ? 1 : 0;
          count.held += outcome.held ? 1 : 0;
          counts.set(plan.collection, count);
          options.onDocument?.(plan.collection);
        }
        if (pending.length >= WRITE_BATCH) await flush();
      }
      // Written before the next subject path reads the same collection (a document naming the person twice).
      await flush();
    }
  }
  return { collections: [...counts.values()].sort((a, b) => a.collection.localeCompare(b.collection)), heldUntil, complete: true };
}
