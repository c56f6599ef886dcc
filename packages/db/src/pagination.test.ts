import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { parseObjectId } from './object-id.ts';
import { MAX_PAGE_SIZE, decodeCursor, encodeCursor, toPageRequest } from './pagination.ts';

describe('cursors', () => {
  it('round-trip an ObjectId', () => {
    const id = new Types.ObjectId();
    expect(decodeCursor(encodeCursor(id))?.toHexString()).toBe(id.toHexString());
  });

  it.each(['', 'abc', Buffer.from('id:nothex').toString('base64url'), Buffer.from('x:' + 'a'.repeat(24)).toString('base64url')])(
    'reject %j',
    (cursor) => {
      expect(decodeCursor(cursor)).toBeNull();
    },
  );
});

describe('toPageRequest', () => {
  it('defaults to 20 from the start', () => {
    expect(toPageRequest(undefined, undefined)).toEqual({ limit: 20, after: null });
    expect(toPageRequest(null, null)).toEqual({ limit: 20, after: null });
  });

  it('accepts 1..MAX_PAGE_SIZE and a valid cursor', () => {
    const id = new Types.ObjectId();
    expect(toPageRequest(MAX_PAGE_SIZE, encodeCursor(id))).toEqual({ limit: MAX_PAGE_SIZE, after: id });
  });

  it.each([0, -1, MAX_PAGE_SIZE + 1, 2.5])('refuses first = %d', (first) => {
    expect(toPageRequest(first, null)).toBe('PAGE_SIZE_OUT_OF_RANGE');
  });

  it('refuses a cursor it did not make', () => {
    expect(toPageRequest(10, 'bm9wZQ')).toBe('INVALID_CURSOR');
  });
});

describe('parseObjectId', () => {
  it('accepts 24 hex characters in any case and nothing else', () => {
    expect(parseObjectId('65F1C0FFEE0000000000ABCD')?.toHexString()).toBe('65f1c0ffee0000000000abcd');
    expect(parseObjectId('twelve chars')).toBeNull();
    expect(parseObjectId('65f1c0ffee0000000000abc')).toBeNull();
    expect(parseObjectId('')).toBeNull();
  });
});
