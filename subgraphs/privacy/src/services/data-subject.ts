import { parseObjectId } from '@leadgraph/db';
import type { Types } from 'mongoose';
import { PrivacyError, PrivacyErrorCode } from '../errors.ts';
import type { Models } from '../loaders.ts';
import type { ConsentRecord } from '../models/consent-record.ts';
import type { DataSubjectRequestRecord } from '../models/data-subject-request.ts';
import type { MinorFlagRecord } from '../models/minor-flag.ts';
import type { TechnicalEventRecord } from '../models/technical-event.ts';

/**
 * The privacy subgraph's part of a person's data export (contract P1): everything it keeps
 * about them, oldest first, as plain lists. The root `dataSubject(id)` only checks the id: the
 * other subgraphs resolve their parts from it.
 */
export function subjectObjectId(id: string): Types.ObjectId {
  const objectId = parseObjectId(id);
  if (objectId === null) throw new PrivacyError(PrivacyErrorCode.InvalidId, 'Invalid user id');
  return objectId;
}

export function consentHistoryOf(models: Models, subjectId: Types.ObjectId): Promise<ConsentRecord[]> {
  return models.ConsentRecord.find({ userId: subjectId }).sort({ _id: 1 }).lean<ConsentRecord[]>().exec();
}

export function technicalEventsOf(models: Models, subjectId: Types.ObjectId, kind: 'PAGE_VIEW' | 'SECURITY'): Promise<TechnicalEventRecord[]> {
  return models.TechnicalEvent.find({ userId: subjectId, kind }).sort({ _id: 1 }).lean<TechnicalEventRecord[]>().exec();
}

export function requestsOf(models: Models, subjectId: Types.ObjectId): Promise<DataSubjectRequestRecord[]> {
  return models.DataSubjectRequest.find({ subjectId }).sort({ _id: 1 }).lean<DataSubjectRequestRecord[]>().exec();
}

/** Minor flags with the erasure request filed with each. */
export async function minorFlagsOf(models: Models, subjectId: Types.ObjectId): Promise<Array<{ flag: MinorFlagRecord; request: DataSubjectRequestRecord | null }>> {
  const flags = await models.MinorFlag.find({ userId: subjectId }).sort({ _id: 1 }).lean<MinorFlagRecord[]>();
  const requests = await models.DataSubjectRequest.find({ _id: { $in: flags.map((flag) => flag.erasureRequestId) } }).lean<DataSubjectRequestRecord[]>();
  const byId = new Map(requests.map((request) => [request._id.toHexString(), request]));
  return flags.map((flag) => ({ flag, request: byId.get(flag.erasureRequestId.toHexString()) ?? null }));
}
