import { toPageRequest, type Page } from '@leadgraph/db';
import { Types } from 'mongoose';
import { UsersError, UsersErrorCode } from '../errors.ts';
import type { ProVerificationStatus, UserModel, UserRecord } from '../models/user.ts';

const PREFIX = 'q:';

/** Opaque queue cursor: the submission time and the id, the queue's sort key. */
export function encodeQueueCursor(user: UserRecord): string {
  const at = user.proProfile?.verification.submittedAt.getTime() ?? 0;
  return Buffer.from(`${PREFIX}${at}:${user._id.toHexString()}`, 'utf8').toString('base64url');
}

function decodeQueueCursor(cursor: string): { at: Date; id: Types.ObjectId } | null {
  const match = /^q:(\d{1,15}):([0-9a-f]{24})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return match === null ? null : { at: new Date(Number(match[1])), id: new Types.ObjectId(match[2]) };
}

/**
 * Active pros whose profile has `status`, oldest submission first (ties by id), one page
 * with one query: the caller resolves images and other references through DataLoaders.
 */
export async function proVerificationQueue(
  User: UserModel,
  args: { first?: number | null; after?: string | null; status?: ProVerificationStatus | null },
): Promise<Page<UserRecord>> {
  const request = toPageRequest(args.first, null);
  if (request === 'PAGE_SIZE_OUT_OF_RANGE' || request === 'INVALID_CURSOR') {
    throw new UsersError(UsersErrorCode.PageSizeOutOfRange, '`first` must be between 1 and 100');
  }
  const after = args.after == null ? null : decodeQueueCursor(args.after);
  if (args.after != null && after === null) throw new UsersError(UsersErrorCode.InvalidCursor, '`after` is not a valid cursor');
  const status = args.status ?? 'PENDING';
  const filter: Record<string, unknown> = { role: 'pro', disabledAt: null, 'proProfile.verification.status': status };
  if (after !== null) {
    filter.$or = [
      { 'proProfile.verification.submittedAt': { $gt: after.at } },
      { 'proProfile.verification.submittedAt': after.at, _id: { $gt: after.id } },
    ];
  }
  const docs = await User.find(filter)
    .sort({ 'proProfile.verification.submittedAt': 1, _id: 1 })
    .limit(request.limit + 1)
    .lean<UserRecord[]>();
  const edges = docs.slice(0, request.limit).map((node) => ({ cursor: encodeQueueCursor(node), node }));
  return { edges, pageInfo: { hasNextPage: docs.length > request.limit, endCursor: edges.at(-1)?.cursor ?? null } };
}
