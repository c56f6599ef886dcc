import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { LeadsError } from '../errors.ts';
import { encodeKeysetCursor, keysetRequest, pageInMemory } from './keyset.ts';

const item = (ms: number, hex: string) => ({ _id: new Types.ObjectId(hex.padStart(24, '0')), createdAt: new Date(ms) });

describe('keyset pages', () => {
  it('round-trips a cursor and refuses a foreign one or a bad page size', () => {
    const doc = item(1000, 'a');
    expect(keysetRequest(5, encodeKeysetCursor(doc))).toEqual({ limit: 5, after: { createdAt: doc.createdAt, id: doc._id } });
    expect(() => keysetRequest(5, 'not-a-cursor')).toThrow(LeadsError);
    expect(() => keysetRequest(0, null)).toThrow(LeadsError);
    expect(() => keysetRequest(101, null)).toThrow(LeadsError);
  });

  it('pages in memory in both directions, stable through equal dates', () => {
    const items = [item(1, 'a'), item(2, 'b'), item(2, 'c'), item(3, 'd')];
    const asc1 = pageInMemory(items, keysetRequest(2, null), 'asc');
    expect(asc1.edges.map((e) => e.node)).toEqual(items.slice(0, 2));
    const asc2 = pageInMemory(items, keysetRequest(2, asc1.pageInfo.endCursor), 'asc');
    expect(asc2.edges.map((e) => e.node)).toEqual(items.slice(2));
    expect([asc1.pageInfo.hasNextPage, asc2.pageInfo.hasNextPage]).toEqual([true, false]);
    const desc1 = pageInMemory(items, keysetRequest(2, null), 'desc');
    const desc2 = pageInMemory(items, keysetRequest(2, desc1.pageInfo.endCursor), 'desc');
    expect([...desc1.edges, ...desc2.edges].map((e) => e.node)).toEqual([...items].reverse());
  });
});
