/** mongod-style rendering of key values for error messages (keys only, never whole documents). */
import type { Document } from 'bson';
import { rank, Rank } from './compare.ts';

export function formatValue(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  const t = (v as { _bsontype?: string })._bsontype;
  if (t === 'ObjectId') return `ObjectId('${(v as { toHexString(): string }).toHexString()}')`;
  if (v instanceof Date) return `new Date(${v.getTime()})`;
  if (rank(v) === Rank.Number) return String(v);
  if (Array.isArray(v)) return `[ ${v.map(formatValue).join(', ')} ]`;
  if (rank(v) === Rank.Object) return formatDoc(v as Document);
  return String(v);
}

export function formatDoc(d: Document): string {
  const parts = Object.keys(d).map((k) => `${k}: ${formatValue(d[k])}`);
  return parts.length ? `{ ${parts.join(', ')} }` : '{}';
}
