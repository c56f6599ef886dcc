import type { PersonalDeclarations } from './declarations.ts';
import { personalRootOf, storedPathTypes, type FoundSchema } from './storage-check.ts';
import { personalStorageOf } from './storage.ts';

/**
 * The object keys a log line must never carry, derived from the declarations: the name of
 * every `@personal` field (`email`, `companyName`, ...) and the last segment of every stored
 * path declared in `declarePersonalStorage`, waived ones included (`passwordHash`, `to`).
 * `pnpm compose` writes them to `packages/logging/src/personal-keys.generated.ts`, so a new
 * personal field is redacted from every service's logs without anyone editing a list.
 */
export function personalLogKeys(declarations: PersonalDeclarations, storage: readonly FoundSchema[] = []): string[] {
  const keys = new Set<string>();
  for (const field of declarations.fields) keys.add(field.fieldName);
  for (const { schema } of storage) {
    const roots = storedPathTypes(schema).map(personalRootOf).filter((root): root is string => root !== null);
    for (const path of [...Object.keys(personalStorageOf(schema)?.paths ?? {}), ...roots]) keys.add(path.slice(path.lastIndexOf('.') + 1));
  }
  // Identifiers are not values worth hiding and are what logs should carry instead.
  for (const key of ['id', '_id']) keys.delete(key);
  return [...keys].sort();
}
