/** Argument parsing helpers shared by command handlers. */
import type { Document } from 'bson';
import { err } from '../errors.ts';
import { toNumber } from '../engine/compare.ts';
import { isPlainObject } from '../engine/paths.ts';

export function collName(v: unknown, cmdName: string): string {
  if (typeof v !== 'string' || v.length === 0)
    throw err(73, `collection name has invalid type ${v === undefined ? 'missing' : typeof v}`, {}, []);
  void cmdName;
  return v;
}

export function optDoc(v: unknown, name: string): Document | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isPlainObject(v)) throw err(14, `BSON field '${name}' is the wrong type '${Array.isArray(v) ? 'array' : typeof v}', expected type 'object'`);
  return v;
}

export function optInt(v: unknown, name: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  const n = toNumber(v);
  if (!Number.isFinite(n)) throw err(14, `BSON field '${name}' is the wrong type, expected a number`);
  return Math.trunc(n);
}

export function nonNegative(v: unknown, name: string): number | undefined {
  const n = optInt(v, name);
  if (n !== undefined && n < 0) throw err(51024, `BSON field '${name}' value must be >= 0, actual value '${n}'`);
  return n;
}
