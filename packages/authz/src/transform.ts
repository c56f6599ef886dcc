import { defaultFieldResolver, Kind, type ConstDirectiveNode, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import type { Identity, IdentityRole } from '@leadgraph/identity';
import { assertAccess, type AccessRequirement } from './check.ts';
import { ACCESS_ROLES, ACCESS_RULES, FEDERATION_FIELDS, GUARDED_ROOT_TYPES, type AccessRule } from './spec.ts';

/** One thing wrong with a schema's `@access` declarations, named by `Type.field`. */
export interface AccessProblem {
  coordinate: string;
  code: 'MISSING_RULE' | 'ROLE_WITHOUT_ROLES' | 'ROLES_WITHOUT_ROLE_RULE' | 'UNKNOWN_RULE';
}

/** Thrown at startup when a schema has fields without a rule (deny by default) or bad rules. */
export class AccessDeclarationError extends Error {
  override name = 'AccessDeclarationError';
  constructor(readonly problems: AccessProblem[]) {
    super(`@access: ${problems.length} problem(s):\n${problems.map((p) => `  - ${p.coordinate}: ${p.code}`).join('\n')}`);
  }
}

interface HasDirectives {
  astNode?: { directives?: readonly ConstDirectiveNode[] } | null;
  extensionASTNodes?: ReadonlyArray<{ directives?: readonly ConstDirectiveNode[] }>;
}

interface FieldLike extends HasDirectives {
  resolve?: GraphQLFieldResolver<unknown, unknown> | undefined;
}

/** Structural, not `instanceof`: the schema may come from another copy of graphql (see README). */
interface ObjectLike extends HasDirectives {
  name: string;
  getFields(): Record<string, FieldLike>;
}

function accessNode(element: HasDirectives): ConstDirectiveNode | undefined {
  const nodes = [element.astNode, ...(element.extensionASTNodes ?? [])];
  for (const node of nodes) {
    const found = node?.directives?.find((d) => d.name.value === 'access');
    if (found !== undefined) return found;
  }
  return undefined;
}

function readRequirement(node: ConstDirectiveNode, coordinate: string, problems: AccessProblem[]): AccessRequirement | null {
  let rule: string | undefined;
  let roles: string[] | undefined;
  for (const arg of node.arguments ?? []) {
    if (arg.name.value === 'rule' && arg.value.kind === Kind.ENUM) rule = arg.value.value;
    if (arg.name.value === 'roles' && arg.value.kind === Kind.LIST) {
      roles = arg.value.values.flatMap((v) => (v.kind === Kind.ENUM ? [v.value] : []));
    }
  }
  if (rule === undefined || !(ACCESS_RULES as readonly string[]).includes(rule)) {
    problems.push({ coordinate, code: 'UNKNOWN_RULE' });
    return null;
  }
  if (rule === 'ROLE' && (roles === undefined || roles.length === 0)) {
    problems.push({ coordinate, code: 'ROLE_WITHOUT_ROLES' });
    return null;
  }
  if (rule !== 'ROLE' && roles !== undefined) {
    problems.push({ coordinate, code: 'ROLES_WITHOUT_ROLE_RULE' });
    return null;
  }
  const mapped = (roles ?? []).map((r) => ACCESS_ROLES[r as keyof typeof ACCESS_ROLES] as IdentityRole);
  return { rule: rule as AccessRule, roles: mapped };
}

function objectTypes(schema: GraphQLSchema): ObjectLike[] {
  return Object.values(schema.getTypeMap()).filter((type) => !type.name.startsWith('__') && 'getFields' in type) as unknown as ObjectLike[];
}

interface Plan {
  field: FieldLike;
  requirement: AccessRequirement;
}

/** Every field to guard and every problem, without changing the schema. */
export function planAccess(schema: GraphQLSchema): { plans: Plan[]; problems: AccessProblem[] } {
  const plans: Plan[] = [];
  const problems: AccessProblem[] = [];
  const rootNames = new Set<string>(GUARDED_ROOT_TYPES.flatMap((op) => {
    const root = op === 'Query' ? schema.getQueryType() : schema.getMutationType();
    return root ? [root.name] : [];
  }));
  for (const type of objectTypes(schema)) {
    // Input objects have getFields too, but no resolvers: only output types (with astNode kind OBJECT).
    if ((type.astNode as { kind?: string } | null | undefined)?.kind !== Kind.OBJECT_TYPE_DEFINITION && !rootNames.has(type.name)) continue;
    const typeNode = accessNode(type);
    const typeRequirement = typeNode === undefined ? undefined : readRequirement(typeNode, type.name, problems);
    const isRoot = rootNames.has(type.name);
    for (const [name, field] of Object.entries(type.getFields())) {
      const coordinate = `${type.name}.${name}`;
      if (isRoot && FEDERATION_FIELDS.has(name)) continue;
      const node = accessNode(field);
      const requirement = node === undefined ? typeRequirement : readRequirement(node, coordinate, problems);
      if (requirement === undefined) {
        if (isRoot) problems.push({ coordinate, code: 'MISSING_RULE' });
        continue;
      }
      if (requirement !== null && requirement.rule !== 'PUBLIC') plans.push({ field, requirement });
    }
  }
  return { plans, problems };
}

/**
 * Enforces `@access` on an executable subgraph schema, in place, and returns it. Deny by
 * default: every Query and Mutation field (federation's `_service` and `_entities` aside)
 * must declare a rule, else this throws `AccessDeclarationError` listing them all. A rule on
 * an object type covers its fields that have none (use it on entity types reached through
 * `_entities`). At run time a failing rule throws UNAUTHENTICATED (no identity) or FORBIDDEN
 * before the resolver runs. The identity is `context.identity` (from the signed assertion).
 */
export function applyAccessRules<S extends GraphQLSchema>(schema: S): S {
  const { plans, problems } = planAccess(schema);
  if (problems.length > 0) throw new AccessDeclarationError(problems);
  for (const { field, requirement } of plans) {
    const original = field.resolve ?? (defaultFieldResolver as GraphQLFieldResolver<unknown, unknown>);
    field.resolve = (parent, args, context, info) => {
      assertAccess((context as { identity?: Identity } | null | undefined)?.identity, requirement);
      return original(parent, args, context, info);
    };
  }
  return schema;
}
