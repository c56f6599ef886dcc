import type { Connection, Types } from 'mongoose';
import { dataSubjectRequestModel, type DataSubjectRequestRecord, type DsrKind, type DsrStatus } from '../models/data-subject-request.ts';
import { addMonths } from '../services/calendar.ts';
import { normalizeKind } from '../services/dsr-file.ts';

export { ensureSeedPolicies, seedPolicyText, SEED_POLICY_DATE } from './policies.ts';
export { ensureSeedProcessors, SEED_PROCESSORS } from './processors.ts';

/**
 * Seed factories for the privacy subgraph (tests and `pnpm seed`). Each returns what it
 * created. Requests made here skip the API's notifications; their history holds the filing.
 */
export interface DataSubjectRequestInput {
  /** The user the request is from and about. */
  subjectId: Types.ObjectId | string;
  /** `ACCESS` (default) or any other kind; lower case (`access`) is accepted too. */
  kind?: DsrKind | Lowercase<DsrKind>;
  /** `RECEIVED` by default; lower case accepted. */
  status?: DsrStatus | Lowercase<DsrStatus>;
  /** Default now. */
  receivedAt?: Date;
}

/** Creates one data-subject request (an access request, received, unless told otherwise), due one month after receipt. */
export async function createDataSubjectRequest(db: Connection, input: DataSubjectRequestInput): Promise<DataSubjectRequestRecord> {
  const receivedAt = input.receivedAt ?? new Date();
  const status = (input.status ?? 'RECEIVED').toUpperCase() as DsrStatus;
  const model = dataSubjectRequestModel(db);
  // Indexes built before returning, so a test's later observations see only its own operations.
  await model.init();
  const doc = await model.create({
    subjectId: input.subjectId,
    kind: normalizeKind(input.kind ?? 'ACCESS'),
    status,
    receivedAt,
    dueAt: addMonths(receivedAt, 1),
    history: [{ from: null, to: status, actorId: null, actorRole: 'SYSTEM', reason: 'seeded', at: receivedAt, notification: 'PENDING' }],
  });
  return doc.toObject() as DataSubjectRequestRecord;
}

/** Removes every data-subject request: what `pnpm seed` does before filling the demo data. */
export async function clearDataSubjectRequests(db: Connection): Promise<number> {
  const { deletedCount } = await dataSubjectRequestModel(db).deleteMany({});
  return deletedCount;
}
