import type { Schema } from 'mongoose';

/**
 * Where personal data is *stored*, declared next to each mongoose schema, so that the
 * completeness check (`scripts/privacy/check-personal.ts`, run by `pnpm run check`) can tell a
 * stored path the schema declares from one nobody thought about, and so that the record of
 * processing can name the collections behind each `@personal` field.
 *
 * A path maps either to the `Type.field` coordinate of the `@personal` field that exposes it
 * (the field's declaration then covers the stored value: its purposes, retention, erasure), or
 * to a waiver: the reason the stored value needs no such field (a password hash never exposed,
 * a claim token that only looks personal). A path covers its sub-paths (`location` covers
 * `location.city`).
 */
export interface StorageWaiver {
  /** Why the path needs no `@personal` field: at least a sentence, read in reviews. */
  waiver: string;
}

export type StoragePathDeclaration = string | StorageWaiver;

export interface PersonalStorageDeclaration {
  /** The collection the schema's documents live in; default the schema's `collection` option. */
  collection?: string;
  /** Stored path (dotted, as mongoose names it) → `Type.field` or `{ waiver }`. */
  paths: Record<string, StoragePathDeclaration>;
  /**
   * Whose the stored personal values are, for erasure: each stored path holding a data
   * subject's user id (`_id` for the account itself, `authorId`, `senderId`) → the stored
   * paths (keys of `paths` or their sub-paths) that belong to that subject. Co-owned documents
   * name several: a review's `authorId` owns `body` and `authorId`, its `proId` owns
   * `reply.body`; a message's `senderId` owns `body` (the thread's other party is not a
   * subject of it). An erasure of a subject touches only the paths it owns.
   */
  subjects?: Record<string, readonly string[]>;
  /** Why a collection with mapped personal paths names no subject path (at least a sentence). */
  subjectsWaiver?: string;
  /**
   * Why erasure must keep the document (its owned values removed, the document itself left),
   * e.g. an account kept as a disabled tombstone, a lead that pros' responses hang off. Without
   * it a document whose personal paths are all DELETE and which belongs to the subject alone is
   * deleted as a whole.
   */
  keepDocument?: string;
  /** The stored date a value's `retention` counts from; default `createdAt`. */
  datedBy?: string;
}

/** Shortest waiver reason accepted: a reason, not a placeholder. */
export const MIN_WAIVER_LENGTH = 12;

// A registered symbol, not a module-level WeakMap: a schema declared through one copy of this
// module (ESM under vitest, CommonJS elsewhere) is still read by another.
const STORAGE = Symbol.for('leadgraph.privacy.personalStorage');

type Declared = Schema & { [STORAGE]?: PersonalStorageDeclaration };

/**
 * Declares how a schema's stored personal paths map to the GraphQL schema's `@personal`
 * fields. Call it once, right after the schema, in the model's own file:
 *
 * ```ts
 * declarePersonalStorage(userSchema, {
 *   paths: { email: 'User.email', name: 'User.name', passwordHash: { waiver: 'argon2id hash, never exposed; erased with the account' } },
 * });
 * ```
 * A second call for the same schema merges its paths into the first.
 */
export function declarePersonalStorage<S extends Schema>(schema: S, declaration: PersonalStorageDeclaration): S {
  const target = schema as Declared;
  const existing = target[STORAGE];
  target[STORAGE] = {
    ...(existing?.collection !== undefined ? { collection: existing.collection } : {}),
    ...(declaration.collection !== undefined ? { collection: declaration.collection } : {}),
    paths: { ...existing?.paths, ...declaration.paths },
    ...(existing?.subjects !== undefined || declaration.subjects !== undefined
      ? { subjects: { ...existing?.subjects, ...declaration.subjects } }
      : {}),
    ...pick(existing, declaration, 'subjectsWaiver'),
    ...pick(existing, declaration, 'keepDocument'),
    ...pick(existing, declaration, 'datedBy'),
  };
  return schema;
}

function pick<K extends 'subjectsWaiver' | 'keepDocument' | 'datedBy'>(
  existing: PersonalStorageDeclaration | undefined,
  declaration: PersonalStorageDeclaration,
  key: K,
): Partial<Pick<PersonalStorageDeclaration, K>> {
  const value = declaration[key] ?? existing?.[key];
  return value === undefined ? {} : ({ [key]: value } as Partial<Pick<PersonalStorageDeclaration, K>>);
}

/** The schema's storage declaration, or undefined when it has none. */
export function personalStorageOf(schema: Schema): PersonalStorageDeclaration | undefined {
  return (schema as Declared)[STORAGE];
}

/** The collection a schema's documents live in: the declaration's, else the schema's option. */
export function collectionOf(schema: Schema): string | undefined {
  const declared = personalStorageOf(schema)?.collection;
  if (declared !== undefined) return declared;
  const option = (schema as unknown as { options?: { collection?: unknown } }).options?.collection;
  return typeof option === 'string' ? option : undefined;
}

export function isWaiver(declaration: StoragePathDeclaration): declaration is StorageWaiver {
  return typeof declaration === 'object' && declaration !== null && typeof declaration.waiver === 'string';
}
