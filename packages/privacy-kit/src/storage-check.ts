import type { Schema } from 'mongoose';
import type { PersonalDeclarations } from './declarations.ts';
import { collectionOf, isWaiver, MIN_WAIVER_LENGTH, personalStorageOf, type StoragePathDeclaration } from './storage.ts';

/**
 * The completeness check: every stored path whose name looks personal is either mapped to a
 * `@personal` field of the supergraph or waived with a reason. Pure: the caller finds the
 * schemas (the script imports every model file, no database needed) and reads the supergraph.
 */

/**
 * Words that make a stored path look personal. A path is split into words (camelCase,
 * snake_case, dots), and any word on this list flags it: `companyName`, `contact.phone`,
 * `client_ip`, `lastIpAddress`. Whole words, so `description` does not match `ip`.
 */
export const PERSONAL_PATH_WORDS: readonly string[] = Object.freeze([
  'email', 'mail', 'phone', 'mobile', 'fax', 'name', 'names', 'address', 'addresses', 'ip', 'birth', 'dob', 'born',
  'bank', 'iban', 'bic', 'swift', 'card', 'street', 'postal', 'postcode', 'zip', 'city', 'location', 'contact',
  'body', 'message', 'messages', 'description', 'text', 'html', 'comment', 'comments', 'note', 'notes', 'bio',
  'password', 'passport', 'tax', 'vat', 'gender', 'photo', 'avatar', 'logo', 'image', 'images', 'website', 'content',
  'whatsapp', 'device', 'browser', 'agent', 'referrer', 'page', 'pages', 'reason',
]);

const WORDS = new Set(PERSONAL_PATH_WORDS);

/** `lastIpAddress` → `last`, `ip`, `address`; `post_code.city` → `post`, `code`, `city`. */
export function pathWords(path: string): string[] {
  return path
    .split(/[._\-$]+/)
    .flatMap((segment) => segment.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2').split(' '))
    .map((word) => word.toLowerCase())
    .filter((word) => word.length > 0);
}

export function looksPersonal(path: string): boolean {
  return pathWords(path).some((word) => WORDS.has(word));
}

/** A stored leaf path and its mongoose type (`String`, `Date`, `ObjectId`, `Array`...). */
export interface StoredPath {
  path: string;
  instance: string;
}

/** Every leaf path a schema stores, sub-documents and document arrays included (`lease.owner`, `items.text`). */
export function storedPathTypes(schema: Schema, prefix = ''): StoredPath[] {
  const paths: StoredPath[] = [];
  schema.eachPath((path, type) => {
    const full = `${prefix}${path}`;
    const child = (type as unknown as { schema?: Schema }).schema;
    if (child !== undefined && child !== null && typeof child.eachPath === 'function') paths.push(...storedPathTypes(child, `${full}.`));
    else {
      const caster = (type as unknown as { caster?: { instance?: string } }).caster;
      const instance = (type as unknown as { instance?: string }).instance ?? 'Mixed';
      paths.push({ path: full, instance: instance === 'Array' && caster?.instance !== undefined ? caster.instance : instance });
    }
  });
  return paths;
}

export function storedPaths(schema: Schema): string[] {
  return storedPathTypes(schema).map((stored) => stored.path);
}

/** Types that hold no personal value by themselves: times, flags, references (a date of birth excepted). */
const INERT_TYPES = new Set(['Date', 'Boolean', 'ObjectId', 'Number', 'Decimal128']);
const BIRTH = new Set(['birth', 'dob', 'born']);

function flagged({ path, instance }: StoredPath): boolean {
  if (!looksPersonal(path)) return false;
  return !INERT_TYPES.has(instance) || pathWords(path).some((word) => BIRTH.has(word));
}

/**
 * For a stored path that looks personal (a date, flag or reference only when it is a date of
 * birth): the shortest prefix whose own last segment looks personal (`contact` for
 * `contact.email`), which is what should be declared. Null for a path that does not look personal.
 */
export function personalRootOf(stored: StoredPath): string | null {
  return flagged(stored) ? personalRoot(stored.path) : null;
}

function personalRoot(path: string): string {
  const segments = path.split('.');
  for (let end = 1; end <= segments.length; end += 1) {
    const prefix = segments.slice(0, end).join('.');
    if (looksPersonal(segments[end - 1]!)) return prefix;
  }
  return path;
}

/** A schema found by the caller, and where (for the message). */
export interface FoundSchema {
  schema: Schema;
  /** `file:line` of the `new Schema(...)`. */
  source: string;
}

export type StorageProblemCode =
  | 'UNDECLARED_PERSONAL_PATH'
  | 'NOT_A_PERSONAL_FIELD'
  | 'UNKNOWN_PATH'
  | 'WAIVER_WITHOUT_REASON'
  | 'NO_COLLECTION'
  | 'NO_SUBJECT_PATHS'
  | 'UNKNOWN_SUBJECT_PATH'
  | 'UNKNOWN_OWNED_PATH'
  | 'UNOWNED_PERSONAL_PATH'
  | 'UNKNOWN_DATED_BY';

export interface StorageProblem {
  code: StorageProblemCode;
  collection: string;
  path: string;
  source: string;
  /** What is wrong and exactly what to add. */
  message: string;
}

/** The declaration covering `path`: its own, or the nearest declared parent's. */
function declarationFor(paths: Record<string, StoragePathDeclaration>, path: string): StoragePathDeclaration | undefined {
  let current = path;
  for (;;) {
    const found = paths[current];
    if (found !== undefined) return found;
    const cut = current.lastIndexOf('.');
    if (cut < 0) return undefined;
    current = current.slice(0, cut);
  }
}

function suggestion(path: string): string {
  return `declarePersonalStorage(<schema>, { paths: { '${path}': '<Type.field with @personal>' } }) next to the schema, or { '${path}': { waiver: '<why no @personal field is needed>' } }`;
}

/**
 * Schemas embedded in another schema (a sub-document) are checked as part of their parent,
 * with the parent's declaration; only top-level schemas need a collection.
 */
function topLevel(found: readonly FoundSchema[]): FoundSchema[] {
  const embedded = new Set<Schema>();
  for (const { schema } of found) {
    for (const child of (schema as unknown as { childSchemas?: Array<{ schema: Schema }> }).childSchemas ?? []) embedded.add(child.schema);
  }
  return found.filter(({ schema }) => !embedded.has(schema));
}

/** Every problem of every schema; empty when the storage is completely declared. */
export function checkPersonalStorage(found: readonly FoundSchema[], declarations: PersonalDeclarations): StorageProblem[] {
  const personalFields = new Set(declarations.fields.map((field) => field.coordinate));
  const problems: StorageProblem[] = [];
  for (const { schema, source } of topLevel(found)) {
    const collection = collectionOf(schema);
    const typed = storedPathTypes(schema);
    const paths = typed.map((stored) => stored.path);
    const declared = personalStorageOf(schema)?.paths ?? {};
    if (collection === undefined) {
      if (typed.some(flagged) || Object.keys(declared).length > 0) {
        problems.push({
          code: 'NO_COLLECTION',
          collection: '?',
          path: '',
          source,
          message: `the schema has no \`collection\` option: add one (new Schema({...}, { collection: '<name>' })) or declarePersonalStorage(<schema>, { collection: '<name>', paths: {...} })`,
        });
      }
      continue;
    }
    const at = (path: string, code: StorageProblemCode, message: string) => problems.push({ code, collection, path, source, message });
    const reported = new Set<string>();
    for (const stored of typed) {
      if (declarationFor(declared, stored.path) !== undefined || !flagged(stored)) continue;
      const root = personalRoot(stored.path);
      if (reported.has(root)) continue;
      reported.add(root);
      at(root, 'UNDECLARED_PERSONAL_PATH', `${collection}.${root} looks personal and is not declared: add ${suggestion(root)}`);
    }
    for (const [path, declaration] of Object.entries(declared)) {
      if (!paths.some((stored) => stored === path || stored.startsWith(`${path}.`))) {
        at(path, 'UNKNOWN_PATH', `${collection}.${path} is declared but the schema stores no such path: remove it from declarePersonalStorage`);
      }
      if (isWaiver(declaration)) {
        if (declaration.waiver.trim().length < MIN_WAIVER_LENGTH) {
          at(path, 'WAIVER_WITHOUT_REASON', `${collection}.${path} is waived without a reason: write why (at least ${MIN_WAIVER_LENGTH} characters)`);
        }
      } else if (!personalFields.has(declaration)) {
        at(path, 'NOT_A_PERSONAL_FIELD', `${collection}.${path} maps to ${declaration}, which has no @personal declaration in the supergraph: declare it on the schema (see packages/privacy-kit/README.md) or waive the path`);
      }
    }
    problems.push(...checkSubjects(collection, source, paths, personalStorageOf(schema), declarations));
  }
  return problems;
}

const stores = (paths: readonly string[], path: string): boolean =>
  paths.some((stored) => stored === path || stored.startsWith(`${path}.`));

/**
 * The erasure and retention part of a declaration: a collection with mapped personal paths
 * names the paths holding its subjects' ids (or waives them), each subject path and owned path
 * exists, every mapped path is owned by some subject (else no erasure would ever reach it),
 * and the dating path of a collection with a `retention` exists.
 */
function checkSubjects(
  collection: string,
  source: string,
  paths: readonly string[],
  declaration: ReturnType<typeof personalStorageOf>,
  declarations: PersonalDeclarations,
): StorageProblem[] {
  const problems: StorageProblem[] = [];
  const at = (path: string, code: StorageProblemCode, message: string) => problems.push({ code, collection, path, source, message });
  const mapped = Object.entries(declaration?.paths ?? {}).filter(([, value]) => !isWaiver(value)) as Array<[string, string]>;
  if (declaration === undefined || mapped.length === 0) return problems;
  const subjects = declaration.subjects ?? {};
  if (Object.keys(subjects).length === 0) {
    if ((declaration.subjectsWaiver ?? '').trim().length < MIN_WAIVER_LENGTH) {
      at('', 'NO_SUBJECT_PATHS', `${collection} stores personal paths but names no subject path: add subjects: { '<path holding the user id>': ['<owned path>', ...] } to declarePersonalStorage, or subjectsWaiver: '<why>'`);
    }
    return problems;
  }
  const owned = new Set<string>();
  for (const [subjectPath, ownedPaths] of Object.entries(subjects)) {
    if (!stores(paths, subjectPath)) at(subjectPath, 'UNKNOWN_SUBJECT_PATH', `${collection}.${subjectPath} is named as a subject path but the schema stores no such path`);
    for (const path of ownedPaths) {
      owned.add(path);
      if (!stores(paths, path)) at(path, 'UNKNOWN_OWNED_PATH', `${collection}.${path} is owned by subject path ${subjectPath} but the schema stores no such path`);
    }
  }
  const isOwned = (path: string) => [...owned].some((o) => o === path || path.startsWith(`${o}.`) || o.startsWith(`${path}.`));
  const personal = new Set(declarations.fields.map((field) => field.coordinate));
  for (const [path, coordinate] of mapped) {
    // A mapping to no @personal field or to a path not stored is reported above already.
    if (!personal.has(coordinate) || !stores(paths, path)) continue;
    if (!isOwned(path)) at(path, 'UNOWNED_PERSONAL_PATH', `${collection}.${path} belongs to no subject: list it under the subject path whose person it belongs to (subjects: { '<idPath>': ['${path}'] })`);
  }
  const byCoordinate = new Map(declarations.fields.map((field) => [field.coordinate, field]));
  const retained = mapped.some(([, coordinate]) => byCoordinate.get(coordinate)?.retention != null);
  const datedBy = declaration.datedBy ?? 'createdAt';
  if (retained && !stores(paths, datedBy)) {
    at(datedBy, 'UNKNOWN_DATED_BY', `${collection} has a value with a retention but stores no ${datedBy} to date it: add datedBy: '<the date path>' to declarePersonalStorage`);
  }
  return problems;
}

/** Where each `@personal` field is stored: `Type.field` → collections (sorted), from the declarations. */
export function collectionsByField(found: readonly FoundSchema[]): Map<string, string[]> {
  const byField = new Map<string, Set<string>>();
  for (const { schema } of topLevel(found)) {
    const collection = collectionOf(schema);
    if (collection === undefined) continue;
    for (const declaration of Object.values(personalStorageOf(schema)?.paths ?? {})) {
      if (isWaiver(declaration)) continue;
      const set = byField.get(declaration) ?? new Set<string>();
      set.add(collection);
      byField.set(declaration, set);
    }
  }
  return new Map([...byField].map(([field, set]) => [field, [...set].sort()]));
}
