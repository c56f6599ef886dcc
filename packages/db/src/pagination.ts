import type { Model, Types } from 'mongoose';
import { parseObjectId } from './object-id.ts';

/** Page size when the caller does not ask for one. */
export const DEFAULT_PAGE_SIZE = 20;
/** Largest page a caller may ask for; larger requests are rejected, never silently cut. */
export const MAX_PAGE_SIZE = 100;

const CURSOR_PREFIX = 'id:';

/** An opaque cursor for a document, from its `_id`. */
export function encodeCursor(id: Types.ObjectId): string {
  return Buffer.from(`${CURSOR_PREFIX}${id.toHexString()}`, 'utf8').toString('base64url');
}

/** The `_id` a cursor points at, or null when the cursor is not one of ours. */
export function decodeCursor(cursor: string): Types.ObjectId | null {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith(CURSOR_PREFIX)) return null;
  return parseObjectId(text.slice(CURSOR_PREFIX.length));
}

/** A validated page request: how many, and after which document (exclusive). */
export interface PageRequest {
  limit: number;
  after: Types.ObjectId | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Page<T> {
  edges: Edge<T>[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** Why page arguments were refused; the subgraph maps it to its own error code. */
export type PageArgsProblem = 'PAGE_SIZE_OUT_OF_RANGE' | 'INVALID_CURSOR';

/**
 * Validates GraphQL `first` / `after` arguments. Returns the request, or the problem.
 * `first` must be 1..MAX_PAGE_SIZE; `after` must be a cursor this module produced.
 */
export function toPageRequest(
  first: number | null | undefined,
  after: string | null | undefined,
): PageRequest | PageArgsProblem {
  const limit = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) return 'PAGE_SIZE_OUT_OF_RANGE';
  if (after === null || after === undefined) return { limit, after: null };
  const afterId = decodeCursor(after);
  return afterId === null ? 'INVALID_CURSOR' : { limit, after: afterId };
}

/**
 * One page of `model` matching `filter`, newest first (descending `_id`), as lean objects.
 * Reads one document more than asked to know whether another page exists.
 */
export async function findPage<T extends { _id: Types.ObjectId }>(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any model; the caller names T
  model: Model<any, {}, {}, any>,
  filter: Record<string, unknown>,
  request: PageRequest,
): Promise<Page<T>> {
  const query = request.after === null ? filter : { ...filter, _id: { $lt: request.after } };
  const docs = await model
    .find(query)
    .sort({ _id: -1 })
    .limit(request.limit + 1)
    .lean<T[]>();
  const hasNextPage = docs.length > request.limit;
  const edges = docs.slice(0, request.limit).map((node) => ({ cursor: encodeCursor(node._id), node }));
  return { edges, pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
}
