import type { Types } from 'mongoose';
import type { DataSubjectRequestModel, DsrKind } from '../models/data-subject-request.ts';
import { NOT_IN_FORCE_STATUSES, RESTRICTING_KINDS } from './dsr-transitions.ts';

/**
 * For each user asked (in order): whether a RESTRICTION or OBJECTION request stands — filed
 * and not rejected (a completed one stays in force). One query for the batch.
 */
export async function processingRestricted(model: DataSubjectRequestModel, userIds: readonly Types.ObjectId[]) {
  const rows = await model
    .find({ subjectId: { $in: userIds }, kind: { $in: RESTRICTING_KINDS }, status: { $nin: NOT_IN_FORCE_STATUSES } }, { subjectId: 1, kind: 1 })
    .sort({ _id: 1 })
    .lean<Array<{ subjectId: Types.ObjectId; kind: DsrKind }>>();
  const grounds = new Map<string, Set<DsrKind>>();
  for (const row of rows) {
    const key = row.subjectId.toHexString();
    grounds.set(key, (grounds.get(key) ?? new Set()).add(row.kind));
  }
  return userIds.map((id) => {
    const found = [...(grounds.get(id.toHexString()) ?? [])].sort();
    return { userId: id.toHexString(), restricted: found.length > 0, grounds: found };
  });
}
