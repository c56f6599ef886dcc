import type { Connection, Types } from 'mongoose';
import {
  dataSubjectRequestModel,
  type DataSubjectRequestRecord,
  type DsrStatus,
  DSR_KINDS,
} from '../models/data-subject-request.ts';

/**
 * Seed factories for the privacy subgraph. Requests cannot be filed through the API yet (the
 * data-subject-request issue); tests create them here. Each returns what it created.
 */
export interface DataSubjectRequestInput {
  /** The user the request is from and about. */
  subjectId: Types.ObjectId | string;
  kind?: (typeof DSR_KINDS)[number];
  status?: DsrStatus;
}

/** Creates one data-subject request (an access request, received, unless told otherwise). */
export async function createDataSubjectRequest(
  db: Connection,
  input: DataSubjectRequestInput,
): Promise<DataSubjectRequestRecord> {
  const doc = await dataSubjectRequestModel(db).create({
    subjectId: input.subjectId,
    kind: input.kind ?? 'access',
    status: input.status ?? 'received',
  });
  return doc.toObject() as DataSubjectRequestRecord;
}

/** Removes every data-subject request: what `pnpm seed` does before filling the demo data. */
export async function clearDataSubjectRequests(db: Connection): Promise<number> {
  const { deletedCount } = await dataSubjectRequestModel(db).deleteMany({});
  return deletedCount;
}
