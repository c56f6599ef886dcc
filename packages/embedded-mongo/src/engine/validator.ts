/** Collection validators (plain query validators, as mongod's `validator` option); $jsonSchema is refused. */
import type { Document } from 'bson';
import { err } from '../errors.ts';
import type { Collection } from './collection.ts';
import { Query } from './mingo.ts';
import { isPlainObject } from './paths.ts';

const compiled = new WeakMap<Collection, { source: Document; q: Query }>();

function mentionsJsonSchema(v: unknown): boolean {
  if (Array.isArray(v)) return v.some(mentionsJsonSchema);
  if (!isPlainObject(v)) return false;
  return Object.keys(v).some((k) => k === '$jsonSchema' || mentionsJsonSchema(v[k]));
}

/** Validates a validator spec when a collection is created or modified. */
export function checkValidatorSpec(validator: unknown): void {
  if (validator === undefined) return;
  if (!isPlainObject(validator)) throw err(2, "'validator' must be an object");
  if (mentionsJsonSchema(validator)) throw err(115, '$jsonSchema validators are not supported by the embedded server');
  new Query(validator);
}

/**
 * Throws DocumentValidationFailure (121) if `doc` fails the collection's validator. With
 * validationLevel 'moderate', updates of documents that already failed are allowed.
 */
export function validateDoc(coll: Collection, doc: Document, old: Document | undefined, warn: (m: string) => void): void {
  const validator = coll.options.validator as Document | undefined;
  if (!validator || Object.keys(validator).length === 0) return;
  const level = coll.options.validationLevel ?? 'strict';
  if (level === 'off') return;
  let c = compiled.get(coll);
  if (!c || c.source !== validator) compiled.set(coll, (c = { source: validator, q: new Query(validator) }));
  if (c.q.test(doc)) return;
  if (old && level === 'moderate' && !c.q.test(old)) return;
  if (coll.options.validationAction === 'warn') {
    warn(`document failed validation in ${coll.ns} (validationAction warn)`);
    return;
  }
  throw err(121, 'Document failed validation', { errInfo: { failingDocumentId: doc._id, details: { operatorName: '$and', schemaRulesNotSatisfied: [] } } });
}
