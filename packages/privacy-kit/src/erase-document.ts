import { applyMask } from './mask.ts';
import type { PersonalLeaf } from './erasure-plan.ts';

/**
 * Erasing values inside one stored document (a plain object as the driver returns it), in
 * place: the engine then writes back the top-level fields that changed. Shared by erasure and
 * retention, so both remove a value the same way.
 */

/** What an ANONYMIZEd free text becomes when its mask keeps nothing usable (or keeps it verbatim). */
export const ERASED_TEXT = '[erased]';

type Change = { unset: true } | { value: unknown };

/** Whether a stored value is there at all: null, '' and [] hold nothing to erase. */
export function hasValue(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false;
  return !(Array.isArray(value) && value.length === 0);
}

/**
 * A DELETE: the value is removed. The document stays readable: a required string becomes ''
 * and a path that defaults to null becomes null, anything else is unset.
 */
export function deletedValue(leaf: PersonalLeaf): Change {
  if (leaf.required && leaf.instance === 'String') return { value: '' };
  if (leaf.defaultsToNull) return { value: null };
  return { unset: true };
}

/**
 * An ANONYMIZE: the value's masked form (`applyMask`). A mask that would keep the text verbatim
 * (`NONE`) or keep nothing (`NULL`) gives `[erased]` for text; a non-text value under `NONE`
 * (a review's rating) is kept: it is no longer linked to the person once their id is gone.
 */
export function anonymizedValue(leaf: PersonalLeaf, value: unknown): Change {
  if (leaf.mask === 'NONE') return { value: typeof value === 'string' ? ERASED_TEXT : value };
  const masked = applyMask(leaf.mask, value);
  if (masked === null || masked === undefined || masked === '') {
    return typeof value === 'string' ? { value: ERASED_TEXT } : deletedValue(leaf);
  }
  return { value: masked };
}

/** The change a leaf's erasure strategy makes (LEGAL_HOLD values are never passed here). */
export function erasedValue(leaf: PersonalLeaf, value: unknown): Change {
  return leaf.erasure === 'ANONYMIZE' ? anonymizedValue(leaf, value) : deletedValue(leaf);
}

/**
 * Applies `change` to every value at `path` (through arrays) that holds something; returns
 * whether anything changed.
 */
export function changeAt(node: unknown, segments: readonly string[], change: (value: unknown) => Change): boolean {
  if (Array.isArray(node)) {
    let changed = false;
    for (const item of node) changed = changeAt(item, segments, change) || changed;
    return changed;
  }
  if (node === null || typeof node !== 'object') return false;
  const [head, ...rest] = segments;
  if (head === undefined) return false;
  const record = node as Record<string, unknown>;
  if (rest.length > 0) return changeAt(record[head], rest, change);
  if (!hasValue(record[head])) return false;
  const result = change(record[head]);
  if ('unset' in result) delete record[head];
  else record[head] = result.value;
  return true;
}

/** The values at a dotted path (through arrays), for reading subject ids and dates. */
export function valuesAt(node: unknown, segments: readonly string[]): unknown[] {
  if (Array.isArray(node)) return node.flatMap((item) => valuesAt(item, segments));
  if (segments.length === 0) return node === undefined ? [] : [node];
  if (node === null || typeof node !== 'object') return [];
  const [head, ...rest] = segments;
  return valuesAt((node as Record<string, unknown>)[head!], rest);
}

/** `$set` / `$unset` of the top-level fields `touched` of the (changed) document. */
export function topLevelUpdate(document: Record<string, unknown>, touched: Iterable<string>): {
  $set: Record<string, unknown>;
  $unset: Record<string, ''>;
} {
  const $set: Record<string, unknown> = {};
  const $unset: Record<string, ''> = {};
  for (const key of touched) {
    if (document[key] === undefined) $unset[key] = '';
    else $set[key] = document[key];
  }
  return { $set, $unset };
}
