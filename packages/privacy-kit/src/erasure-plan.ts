import type { Schema } from 'mongoose';
import type { PersonalDeclarations, PersonalFieldDeclaration } from './declarations.ts';
import type { Duration } from './duration.ts';
import { collectionOf, isWaiver, personalStorageOf, type StoragePathDeclaration } from './storage.ts';
import { storedPathTypes } from './storage-check.ts';
import type { ErasureStrategy, MaskStrategy } from './taxonomy.ts';

/**
 * What erasure and retention do to one collection, read from its storage declaration
 * (`declarePersonalStorage`: paths, subjects, keepDocument, datedBy) and the subgraph's
 * `@personal` declarations. Built once per run; pure.
 */

/** One stored leaf (a path without sub-paths) holding personal data, and how it is erased. */
export interface PersonalLeaf {
  /** Dotted stored path, array steps included as plain segments (`details.value`). */
  path: string;
  /** The declared path covering it (`location` for `location.city`). */
  declaredPath: string;
  /** `Type.field`, or null for a waived path (erased as DELETE when a subject owns it). */
  coordinate: string | null;
  erasure: ErasureStrategy;
  mask: MaskStrategy;
  legalHoldFor: Duration | null;
  retention: Duration | null;
  /** Mongoose type name of the leaf (`String`, `Number`, `ObjectId`...). */
  instance: string;
  /** Required by the schema: a DELETE on a kept document writes '' (strings) instead of unsetting it. */
  required: boolean;
  /** Defaults to null: a DELETE on a kept document writes null. */
  defaultsToNull: boolean;
}

export interface SubjectPlan {
  /** The stored path holding the subject's user id (`_id`, `authorId`). */
  path: string;
  /** The leaves the subject owns. */
  owned: PersonalLeaf[];
}

export interface CollectionPlan {
  collection: string;
  /** Every personal leaf the collection stores (mapped paths; waived ones only when owned). */
  leaves: PersonalLeaf[];
  subjects: SubjectPlan[];
  /** Erasure keeps the document (a tombstone): never deleted as a whole. */
  keepDocument: boolean;
  datedBy: string;
}

interface SchemaTypeLike {
  instance?: string;
  isRequired?: boolean;
  defaultValue?: unknown;
  schema?: Schema;
  caster?: { instance?: string };
}

/** The mongoose schema type at a dotted path, through single and array sub-documents. */
function schemaTypeAt(schema: Schema, path: string): SchemaTypeLike | undefined {
  const direct = schema.path(path) as unknown as SchemaTypeLike | undefined;
  if (direct !== undefined) return direct;
  const segments = path.split('.');
  for (let cut = segments.length - 1; cut > 0; cut -= 1) {
    const parent = schema.path(segments.slice(0, cut).join('.')) as unknown as SchemaTypeLike | undefined;
    if (parent?.schema !== undefined) return schemaTypeAt(parent.schema, segments.slice(cut).join('.'));
  }
  return undefined;
}

function declarationFor(paths: Record<string, StoragePathDeclaration>, path: string): [string, StoragePathDeclaration] | undefined {
  let current = path;
  for (;;) {
    const found = paths[current];
    if (found !== undefined) return [current, found];
    const cut = current.lastIndexOf('.');
    if (cut < 0) return undefined;
    current = current.slice(0, cut);
  }
}

const under = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}.`);

/** The plan of one top-level schema, or null when it declares no subject (nothing to erase). */
export function planCollection(schema: Schema, declarations: PersonalDeclarations): CollectionPlan | null {
  const declaration = personalStorageOf(schema);
  const collection = collectionOf(schema);
  if (declaration === undefined || collection === undefined) return null;
  const fields = new Map<string, PersonalFieldDeclaration>(declarations.fields.map((field) => [field.coordinate, field]));
  const stored = storedPathTypes(schema);
  const leafOf = (path: string, instance: string): PersonalLeaf | null => {
    const found = declarationFor(declaration.paths, path);
    if (found === undefined) return null;
    const [declaredPath, value] = found;
    const field = isWaiver(value) ? undefined : fields.get(value);
    if (!isWaiver(value) && field === undefined) return null;
    const type = schemaTypeAt(schema, path);
    return {
      path,
      declaredPath,
      coordinate: field?.coordinate ?? null,
      erasure: field?.erasure ?? 'DELETE',
      mask: field?.mask ?? 'NULL',
      legalHoldFor: field?.legalHoldFor ?? null,
      retention: field?.retention ?? null,
      instance,
      required: type?.isRequired === true,
      defaultsToNull: type !== undefined && 'defaultValue' in type && type.defaultValue === null,
    };
  };
  const subjects: SubjectPlan[] = Object.entries(declaration.subjects ?? {}).map(([path, owned]) => ({
    path,
    owned: stored
      .filter((leaf) => owned.some((prefix) => under(leaf.path, prefix)))
      .map((leaf) => leafOf(leaf.path, leaf.instance))
      .filter((leaf): leaf is PersonalLeaf => leaf !== null),
  }));
  if (subjects.length === 0) return null;
  const ownedPaths = new Set(subjects.flatMap((subject) => subject.owned.map((leaf) => leaf.path)));
  const leaves = stored
    .map((leaf) => leafOf(leaf.path, leaf.instance))
    .filter((leaf): leaf is PersonalLeaf => leaf !== null && (leaf.coordinate !== null || ownedPaths.has(leaf.path)));
  return {
    collection,
    leaves,
    subjects,
    keepDocument: declaration.keepDocument !== undefined,
    datedBy: declaration.datedBy ?? 'createdAt',
  };
}

/** Plans of the schemas that declare subjects, one per collection. */
export function planCollections(schemas: readonly Schema[], declarations: PersonalDeclarations): CollectionPlan[] {
  return schemas.map((schema) => planCollection(schema, declarations)).filter((plan): plan is CollectionPlan => plan !== null);
}
