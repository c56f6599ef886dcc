// Unit tests of the unified-format matcher, so that a lenient matcher cannot make the
// conformance suite pass silently.
import { Decimal128, Int32, Long } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { assertMatches } from './match.ts';

const ok = (actual: unknown, expected: unknown, root = true) => () => assertMatches(actual, expected, new Map(), root);

describe('unified-format matching rules', () => {
  it('numbers match across int32, int64 and double by value; Decimal128 only by value as decimal', () => {
    expect(ok(new Int32(5), 5)).not.toThrow();
    expect(ok(Long.fromNumber(5), 5)).not.toThrow();
    expect(ok(5.0, Long.fromNumber(5))).not.toThrow();
    expect(ok(6, 5)).toThrow();
    expect(ok('5', 5)).toThrow();
    expect(ok(Decimal128.fromString('1.5'), Decimal128.fromString('1.5'))).not.toThrow();
    expect(ok(1.5, Decimal128.fromString('1.5'))).toThrow();
  });
  it('extra fields are allowed in root documents only', () => {
    expect(ok({ a: 1, b: 2 }, { a: 1 })).not.toThrow();
    expect(ok({ a: { x: 1, y: 2 } }, { a: { x: 1 } })).toThrow(/unexpected fields y/);
    expect(ok({ a: 1, b: 2 }, { a: 1 }, false)).toThrow();
    expect(ok({ a: 1 }, { a: 1, b: 2 })).toThrow(/missing field/);
  });
  it('arrays must match in length and order', () => {
    expect(ok([1, 2], [1, 2])).not.toThrow();
    expect(ok([1, 2, 3], [1, 2])).toThrow(/expected 2 elements/);
    expect(ok([2, 1], [1, 2])).toThrow();
  });
  it('$$exists, $$unsetOrMatches, $$type and $$lte', () => {
    expect(ok({}, { a: { $$exists: false } })).not.toThrow();
    expect(ok({ a: null }, { a: { $$exists: false } })).toThrow();
    expect(ok({ a: 1 }, { a: { $$exists: true } })).not.toThrow();
    expect(ok({}, { a: { $$unsetOrMatches: 1 } })).not.toThrow();
    expect(ok({ a: 2 }, { a: { $$unsetOrMatches: 1 } })).toThrow();
    expect(ok({ a: 'x' }, { a: { $$type: ['int', 'string'] } })).not.toThrow();
    expect(ok({ a: 1.5 }, { a: { $$type: 'int' } })).toThrow();
    expect(ok({ a: 3 }, { a: { $$lte: 2 } })).toThrow();
  });
  it('a Map (the driver\'s sort) is compared as a document', () => {
    expect(ok(new Map([['_id', 1]]), { _id: 1 }, false)).not.toThrow();
    expect(ok(new Map([['_id', -1]]), { _id: 1 }, false)).toThrow();
  });
  it('null is a value, not a missing field', () => {
    expect(ok(null, null)).not.toThrow();
    expect(ok({ a: 1 }, null)).toThrow();
    expect(ok(undefined, { a: 1 })).toThrow(/expected a document/);
  });
});
