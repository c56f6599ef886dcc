/** Presenting BSON numbers to mingo, whose arithmetic and accumulators understand JS numbers only. */
import { toNumber } from './compare.ts';
import { isPlainObject } from './paths.ts';

/** Returns `v` with Long/Decimal128 values replaced by JS numbers (same object when there are none). */
export function numbersForMingo<T>(v: T): T {
  if (v === null || typeof v !== 'object') return v;
  const t = (v as { _bsontype?: string })._bsontype;
  if (t === 'Long' || t === 'Decimal128' || t === 'Double' || t === 'Int32') return toNumber(v) as T;
  if (Array.isArray(v)) {
    let out: unknown[] | undefined;
    v.forEach((e, i) => {
      const n = numbersForMingo(e);
      if (n !== e) (out ??= [...v])[i] = n;
    });
    return (out ?? v) as T;
  }
  if (!isPlainObject(v)) return v;
  let out: Record<string, unknown> | undefined;
  for (const k of Object.keys(v)) {
    const e = (v as Record<string, unknown>)[k];
    const n = numbersForMingo(e);
    if (n !== e) (out ??= { ...(v as Record<string, unknown>) })[k] = n;
  }
  return (out ?? v) as T;
}
