import { findPage, parseObjectId, type Page } from '@leadgraph/db';
import { Types } from 'mongoose';
import { PrivacyError, PrivacyErrorCode } from '../errors.ts';
import { PENDING_DSR_STATUSES, type DataSubjectRequestModel, type DataSubjectRequestRecord, type DsrStatus } from '../models/data-subject-request.ts';
import { pageRequest } from './page-request.ts';

/** The requester's own requests, newest first. */
export function listOwnRequests(model: DataSubjectRequestModel, subjectId: Types.ObjectId, first?: number | null, after?: string | null) {
  return findPage<DataSubjectRequestRecord>(model, { subjectId }, pageRequest(first, after));
}

const encodeQueueCursor = (request: DataSubjectRequestRecord) =>
  Buffer.from(`due:${request.dueAt.getTime()}:${request._id.toHexString()}`, 'utf8').toString('base64url');

function decodeQueueCursor(cursor: string): { dueAt: Date; id: Types.ObjectId } | null {
  const match = /^due:(\d{1,15}):([0-9a-f]{24})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (match === null) return null;
  return { dueAt: new Date(Number(match[1])), id: parseObjectId(match[2]!)! };
}

/**
 * The admins' queue: soonest due first (ties by id, so the order is stable and a cursor is
 * exact); one status, or by default every request still open.
 */
export async function listQueue(
  model: DataSubjectRequestModel,
  args: { first?: number | null; after?: string | null; status?: DsrStatus | null },
): Promise<Page<DataSubjectRequestRecord>> {
  const limit = pageRequest(args.first, null).limit;
  const filter: Record<string, unknown> = { status: args.status ? args.status : { $in: PENDING_DSR_STATUSES } };
  if (args.after !== null && args.after !== undefined) {
    const after = decodeQueueCursor(args.after);
    if (after === null) throw new PrivacyError(PrivacyErrorCode.InvalidCursor, '`after` is not a valid cursor');
    filter.$or = [{ dueAt: { $gt: after.dueAt } }, { dueAt: after.dueAt, _id: { $gt: after.id } }];
  }
  const docs = await model.find(filter).sort({ dueAt: 1, _id: 1 }).limit(limit + 1).lean<DataSubjectRequestRecord[]>();
  const edges = docs.slice(0, limit).map((node) => ({ cursor: encodeQueueCursor(node), node }));
  return { edges, pageInfo: { hasNextPage: docs.length > limit, endCursor: edges.at(-1)?.cursor ?? null } };
}
