import { Types, type Model } from 'mongoose';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type Page } from '@leadgraph/db';
import { LeadsError, LeadsErrorCode } from '../errors.ts';

/**
 * Keyset pages ordered by (createdAt, _id): stable even when many documents share a
 * createdAt (bulk seeds) and when ids and dates disagree (backdated imports). The cursor is
 * opaque: base64url of `t:<ms>:<id>`.
 */
export interface KeysetRequest {
  limit: number;
  after: { createdAt: Date; id: Types.ObjectId } | null;
}

export type Direction = 'asc' | 'desc';

const PREFIX = 't:';

export function encodeKeysetCursor(doc: { createdAt: Date; _id: Types.ObjectId }): string {
  return Buffer.from(`${PREFIX}${doc.createdAt.getTime()}:${doc._id.toHexString()}`, 'utf8').toString('base64url');
}

function decodeKeysetCursor(cursor: string): KeysetRequest['after'] {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^t:(\d{1,15}):([0-9a-f]{24})$/.exec(text);
  if (match === null) return null;
  return { createdAt: new Date(Number(match[1])), id: new Types.ObjectId(match[2]) };
}

/** Validated `first` / `after`, or a LeadsError explaining what is wrong. */
export function keysetRequest(first: number | null | undefined, after: string | null | undefined): KeysetRequest {
  const limit = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw new LeadsError(LeadsErrorCode.PageSizeOutOfRange, `\`first\` must be between 1 and ${MAX_PAGE_SIZE}`);
  }
  if (after === null || after === undefined) return { limit, after: null };
  const position = decodeKeysetCursor(after);
  if (position === null) throw new LeadsError(LeadsErrorCode.InvalidCursor, '`after` is not a valid cursor');
  return { limit, after: position };
}

/** The filter for "after this position" in the given direction. */
function afterFilter(after: NonNullable<KeysetRequest['after']>, direction: Direction) {
  const op = direction === 'desc' ? '$lt' : '$gt';
  return {
    $or: [{ createdAt: { [op]: after.createdAt } }, { createdAt: after.createdAt, _id: { [op]: after.id } }],
  };
}

/**
 * One page of `model` matching `filter` in (createdAt, _id) order, as lean objects; one
 * query, reading one document more than asked to know whether another page exists.
 */
export async function findKeysetPage<T extends { _id: Types.ObjectId; createdAt: Date }>(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any model; the caller names T
  model: Model<any>,
  filter: Record<string, unknown>,
  request: KeysetRequest,
  direction: Direction,
): Promise<Page<T>> {
  const query = request.after === null ? filter : { $and: [filter, afterFilter(request.after, direction)] };
  const order = direction === 'desc' ? -1 : 1;
  const docs = await model
    .find(query)
    .sort({ createdAt: order, _id: order })
    .limit(request.limit + 1)
    .lean<T[]>();
  const hasNextPage = docs.length > request.limit;
  const edges = docs.slice(0, request.limit).map((node) => ({ cursor: encodeKeysetCursor(node), node }));
  return { edges, pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
}

/** An empty page (for lists the caller may not see: the same shape as "none"). */
export function emptyPage<T>(): Page<T> {
  return { edges: [], pageInfo: { hasNextPage: false, endCursor: null } };
}

/**
 * The same page over items already in (createdAt, _id) order in memory: for small bounded
 * lists loaded for many parents at once (a lead's responses, at most MAX_RESPONSES_PER_LEAD).
 */
export function pageInMemory<T extends { _id: Types.ObjectId; createdAt: Date }>(sorted: readonly T[], request: KeysetRequest, direction: Direction): Page<T> {
  const ordered = direction === 'asc' ? sorted : [...sorted].reverse();
  const after = request.after;
  const sign = direction === 'asc' ? 1 : -1;
  const rest =
    after === null
      ? ordered
      : ordered.filter((item) => {
          const byTime = (item.createdAt.getTime() - after.createdAt.getTime()) * sign;
          return byTime > 0 || (byTime === 0 && item._id.toHexString().localeCompare(after.id.toHexString()) * sign > 0);
        });
  const edges = rest.slice(0, request.limit).map((node) => ({ cursor: encodeKeysetCursor(node), node }));
  return { edges, pageInfo: { hasNextPage: rest.length > request.limit, endCursor: edges.at(-1)?.cursor ?? null } };
}
