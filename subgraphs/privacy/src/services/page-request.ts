import { toPageRequest, type PageRequest } from '@leadgraph/db';
import { PrivacyError, PrivacyErrorCode } from '../errors.ts';

/** Validated `first` / `after`, or a PrivacyError explaining what is wrong. */
export function pageRequest(first: number | null | undefined, after: string | null | undefined): PageRequest {
  const request = toPageRequest(first, after);
  if (request === 'PAGE_SIZE_OUT_OF_RANGE') {
    throw new PrivacyError(PrivacyErrorCode.PageSizeOutOfRange, '`first` must be between 1 and 100');
  }
  if (request === 'INVALID_CURSOR') throw new PrivacyError(PrivacyErrorCode.InvalidCursor, '`after` is not a valid cursor');
  return request;
}
