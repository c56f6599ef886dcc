import type { ExportField, ExportPlan } from './export-query.ts';
import type { PersonalFieldDeclaration } from './declarations.ts';
import type { PersonalDataCategory } from './taxonomy.ts';

/** One personal value found in an export result, with the declaration that covers it. */
export interface ExportedValue {
  /** Where in the result, e.g. `leadsPosted[2].contact.email`. */
  location: string;
  field: ExportField;
  declaration: PersonalFieldDeclaration;
  value: string | number | boolean;
}

/** One object of the export result, with its type and where it is (for the CSV per type). */
export interface ExportedObject {
  typeName: string;
  location: string;
  /** The fields of this object the plan selects, in plan order, with their values. */
  values: Array<{ field: ExportField; value: unknown }>;
}

type Json = null | string | number | boolean | Json[] | { [key: string]: Json };

function indexByPath(plan: ExportPlan): Map<string, ExportField> {
  return new Map(plan.fields.map((field) => [field.path.join('.'), field]));
}

function isRecord(value: unknown): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Walks the `dataSubject` object of an export result along the plan: calls `onObject` for every
 * object (the subject itself first) and `onValue` for every scalar under a personal declaration.
 */
export function walkExport(
  plan: ExportPlan,
  subject: unknown,
  visit: { onObject?(object: ExportedObject): void; onValue?(value: ExportedValue): void },
): void {
  const byPath = indexByPath(plan);
  const walkObject = (typeName: string, object: Record<string, Json>, path: string[], location: string) => {
    const values: ExportedObject['values'] = [];
    // Registered before its children (document order), filled below.
    visit.onObject?.({ typeName, location, values });
    for (const [key, raw] of Object.entries(object)) {
      const field = byPath.get([...path, key].join('.'));
      if (field === undefined) continue;
      values.push({ field, value: raw });
      const items = Array.isArray(raw) ? raw.flat(Infinity as 1) : [raw];
      items.forEach((item, index) => {
        const where = `${location === '' ? '' : `${location}.`}${key}${Array.isArray(raw) ? `[${index}]` : ''}`;
        if (field.kind === 'OBJECT' && isRecord(item)) {
          walkObject(field.returnType, item, field.path, where);
          return;
        }
        const leaf = field.kind === 'REFERENCE' && isRecord(item) ? item.id : item;
        if (field.coveredBy === null || leaf === null || leaf === undefined || typeof leaf === 'object') return;
        visit.onValue?.({ location: where, field, declaration: field.coveredBy, value: leaf });
      });
    }
  };
  if (isRecord(subject)) walkObject(plan.subjectType, subject, [], '');
}

/** Every personal value of an export result. */
export function personalValuesOf(plan: ExportPlan, subject: unknown): ExportedValue[] {
  const values: ExportedValue[] = [];
  walkExport(plan, subject, { onValue: (value) => values.push(value) });
  return values;
}

/** Shorter values identify nobody and would match unrelated records (country codes, initials). */
export const MIN_SCAN_VALUE_LENGTH = 4;

/**
 * Categories whose values are a vocabulary every visitor shares (device class, browser family,
 * page paths, referrer origins): searching for them finds everyone else's records (and the policy
 * text). The erasure deletes the records holding them; the export after it checks they are gone.
 */
export const SHARED_VOCABULARY_CATEGORIES: readonly PersonalDataCategory[] = ['USER_DEVICE', 'USER_BEHAVIOR_BROWSING_HISTORY'];

/**
 * The values an erasure must make disappear, for the verification scan: the subject's own words
 * and identifiers as they were stored — strings of personal fields, not ids (references stay as
 * ids by design), not enum names (shared by everyone), not values an erasure keeps on purpose
 * (LEGAL_HOLD until its date; ANONYMIZE with mask NONE, like a rating, keeps the value), not
 * values of SHARED_VOCABULARY_CATEGORIES, not values shorter than MIN_SCAN_VALUE_LENGTH. A value that is also held elsewhere in the export is
 * left out too: the held copy is still there by law. Distinct, case-insensitively.
 */
export function erasableValues(values: readonly ExportedValue[]): { values: string[]; held: number } {
  const held = new Set<string>();
  const candidates = new Map<string, string>();
  for (const { value, field, declaration } of values) {
    if (typeof value !== 'string') continue;
    const key = value.trim().toLowerCase();
    if (declaration.erasure === 'LEGAL_HOLD') {
      held.add(key);
      continue;
    }
    if (field.returnType === 'ID' || field.kind === 'REFERENCE' || field.enumValue) continue;
    if (declaration.erasure === 'ANONYMIZE' && declaration.mask === 'NONE') continue;
    if (SHARED_VOCABULARY_CATEGORIES.includes(declaration.category)) continue;
    if (key.length < MIN_SCAN_VALUE_LENGTH) continue;
    if (!candidates.has(key)) candidates.set(key, value.trim());
  }
  const kept = [...candidates].filter(([key]) => !held.has(key)).map(([, value]) => value);
  return { values: kept, held: held.size };
}
