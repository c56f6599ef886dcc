import { defaultFieldResolver, type GraphQLFieldResolver, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { ANONYMOUS, type Identity } from '@leadgraph/identity';
import { decideAccess, normalizeAdminReason, type AccessDecision } from './access.ts';
import type { AccessLogSink } from './access-log.ts';
import { readPersonalDeclarations, type PersonalDeclarations, type PersonalFieldDeclaration } from './declarations.ts';
import { applyMask } from './mask.ts';

/** What a subgraph's context must carry for its personal fields to resolve. */
export interface PrivacyRequestContext {
  identity: Identity;
  privacy?: {
    /** An admin's stated reason for looking (e.g. from a request header), required for admins. */
    adminReason?: string;
    /** Ties access-log entries to the request. */
    requestId?: string;
    /** Whether the domain lets the caller see the data of this object's subject(s) (e.g. the hired pro). */
    relationship?(typeName: string, parent: unknown): boolean | Promise<boolean>;
  };
}

export interface ApplyPersonalDataOptions {
  /** Where clear reads of someone else's data go. Without it nothing is recorded. */
  log?: AccessLogSink;
  /** The declarations; read from the schema's SDL when omitted. */
  declarations?: PersonalDeclarations;
  /** The subject ids of a parent, overriding `@dataSubject(fields)` (e.g. for computed owners). */
  subjectIdsOf?(typeName: string, parent: unknown): string[];
}

const WRAPPED = Symbol('leadgraph.privacy.wrapped');

/**
 * `isObjectType` without `instanceof`: the schema may come from another copy of graphql-js
 * (`@apollo/subgraph` loads the CommonJS build; vitest resolves our `import` to the ESM one).
 */
function isObjectTypeAnyRealm(type: unknown): type is GraphQLObjectType {
  return Object.prototype.toString.call(type) === '[object GraphQLObjectType]';
}

type MaybePromise<T> = T | Promise<T>;

function isPromise<T>(value: MaybePromise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/** Applies `next` now for a plain value, after resolution for a promise: no promise when none is needed. */
function then<T, U>(value: MaybePromise<T>, next: (resolved: T) => MaybePromise<U>): MaybePromise<U> {
  return isPromise(value) ? value.then(next) : next(value);
}

function idOf(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value === '' ? null : value;
  if (typeof value === 'object' && 'toHexString' in value && typeof value.toHexString === 'function') {
    return String(value.toHexString());
  }
  return typeof value === 'number' || typeof value === 'bigint' ? String(value) : null;
}

/** The ids in the parent's subject fields (`id` falls back to a document's `_id`; arrays are flattened). */
export function subjectIdsFromParent(parent: unknown, fields: readonly string[]): string[] {
  if (typeof parent !== 'object' || parent === null) return [];
  const record = parent as Record<string, unknown>;
  const ids: string[] = [];
  for (const field of fields) {
    const raw = record[field] ?? (field === 'id' ? record._id : undefined);
    for (const item of Array.isArray(raw) ? raw : [raw]) {
      const id = idOf(item);
      if (id !== null) ids.push(id);
    }
  }
  return ids;
}

type DecisionCache = WeakMap<object, Map<string, MaybePromise<Decided>>>;
interface Decided {
  decision: AccessDecision;
  subjectIds: string[];
}

/** One decision per parent object and type within a request, however many personal fields it has. */
const cachesByContext = new WeakMap<object, DecisionCache>();

function cacheFor(context: object): DecisionCache {
  let cache = cachesByContext.get(context);
  if (cache === undefined) {
    cache = new WeakMap();
    cachesByContext.set(context, cache);
  }
  return cache;
}

function decide(typeName: string, parent: unknown, context: PrivacyRequestContext, subjectIds: string[]): MaybePromise<Decided> {
  const identity = context.identity ?? ANONYMOUS;
  const adminReason = context.privacy?.adminReason;
  const first = decideAccess({ identity, subjectIds, adminReason });
  const relationship = context.privacy?.relationship;
  const worthAsking = !first.clear && relationship !== undefined && identity.userId !== null && identity.role !== 'admin';
  if (!worthAsking) return { decision: first, subjectIds };
  let allows: MaybePromise<boolean>;
  try {
    allows = relationship(typeName, parent);
  } catch {
    allows = false;
  }
  const settled = isPromise(allows) ? allows.catch(() => false) : allows;
  return then(settled, (relationshipAllows) => ({
    decision: decideAccess({ identity, subjectIds, adminReason, relationshipAllows: relationshipAllows === true }),
    subjectIds,
  }));
}

/**
 * Wraps the resolver of every `@personal` field of an executable subgraph schema, in place:
 * the value is resolved as before, then returned in clear or masked according to
 * `decideAccess`, and clear reads of someone else's data are recorded. Fields masked NONE
 * are left alone. Returns the same schema.
 */
export function applyPersonalData(schema: GraphQLSchema, options: ApplyPersonalDataOptions = {}): GraphQLSchema {
  const declarations = options.declarations ?? readPersonalDeclarations(schema);
  const subjectFields = new Map(declarations.subjects.map((subject) => [subject.typeName, subject.fields]));
  for (const declaration of declarations.fields) {
    if (declaration.mask === 'NONE') continue;
    const type = schema.getType(declaration.typeName);
    if (!isObjectTypeAnyRealm(type)) continue;
    const field = type.getFields()[declaration.fieldName];
    if (field === undefined || (field.resolve as { [WRAPPED]?: true } | undefined)?.[WRAPPED] === true) continue;
    const fields = subjectFields.get(declaration.typeName) ?? [];
    field.resolve = wrapResolver(field.resolve ?? defaultFieldResolver, declaration, fields, options);
  }
  return schema;
}

function wrapResolver(
  original: GraphQLFieldResolver<unknown, unknown>,
  declaration: PersonalFieldDeclaration,
  fields: readonly string[],
  options: ApplyPersonalDataOptions,
): GraphQLFieldResolver<unknown, unknown> {
  const { typeName, mask, coordinate } = declaration;
  const resolve: GraphQLFieldResolver<unknown, unknown> = (parent, args, context, info) => {
    const requestContext = (context ?? {}) as PrivacyRequestContext;
    return then(original(parent, args, context, info) as MaybePromise<unknown>, (value) => {
      if (value === null || value === undefined) return value;
      let decided: MaybePromise<Decided>;
      const perParent = typeof parent === 'object' && parent !== null && typeof context === 'object' && context !== null;
      const cache = perParent ? cacheFor(context) : undefined;
      const forParent = cache?.get(parent as object);
      const cached = forParent?.get(typeName);
      if (cached !== undefined) {
        decided = cached;
      } else {
        const subjectIds = options.subjectIdsOf?.(typeName, parent) ?? subjectIdsFromParent(parent, fields);
        decided = decide(typeName, parent, requestContext, subjectIds);
        if (cache !== undefined) {
          const map = forParent ?? new Map<string, MaybePromise<Decided>>();
          map.set(typeName, decided);
          cache.set(parent as object, map);
        }
      }
      return then(decided, ({ decision, subjectIds }) => {
        if (!decision.clear) return applyMask(mask, value);
        // The subject's own reads and their export (the subject's copy, audited by its
        // data-subject request) are not someone else reading their data: not logged per value.
        if (decision.reason !== 'SUBJECT' && decision.reason !== 'EXPORT' && decision.reason !== 'MASKED' && options.log !== undefined) {
          const identity = requestContext.identity ?? ANONYMOUS;
          options.log.record({
            actorId: identity.userId,
            actorRole: identity.role,
            subjectIds,
            field: coordinate,
            reason: decision.reason,
            adminReason: decision.reason === 'ADMIN_WITH_REASON' ? normalizeAdminReason(requestContext.privacy?.adminReason) : null,
            requestId: requestContext.privacy?.requestId ?? null,
          });
        }
        return value;
      });
    });
  };
  (resolve as { [WRAPPED]?: true })[WRAPPED] = true;
  return resolve;
}
