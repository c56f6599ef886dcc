import {
  Kind,
  parse,
  type ConstDirectiveNode,
  type DocumentNode,
  type FieldDefinitionNode,
  type TypeNode,
} from 'graphql';
import { indexDeclarations, readPersonalDeclarations, type PersonalFieldDeclaration } from './declarations.ts';

/**
 * The data export (issue #6) as ONE federated query generated from the supergraph: every
 * subgraph contributes fields to the `DataSubject` entity, and this walks them. Rules
 * (docs/decisions/0008):
 * - on `DataSubject` every field is selected, and the objects they return are expanded, entities
 *   included (`account: User` is the subject's own account);
 * - below that, an object type is expanded (every scalar and enum field, and nested objects);
 *   a field returning another `@key` entity selects only its `id` (the export names the lead a
 *   message belongs to, it does not copy the lead);
 * - a field declared `@personal(export: false)` is left out, with everything below it;
 * - fields that take arguments (paginated connections, filters) and `@inaccessible` fields are
 *   left out: the `DataSubject` fields are plain lists that already hold everything, and the
 *   query runs through the gateway's API schema;
 * - a type already being expanded on the path is not expanded again (no cycles).
 */

/** One field the export query selects. */
export interface ExportField {
  /** Response path below `dataSubject`, e.g. `['leadsPosted', 'contact', 'email']` (lists are not marked). */
  path: string[];
  /** `Type.field`. */
  coordinate: string;
  /** The field's named type (`String`, an enum, an object type). */
  returnType: string;
  /** LEAF: a scalar or enum; OBJECT: expanded below; REFERENCE: another entity, only its `id`. */
  kind: 'LEAF' | 'OBJECT' | 'REFERENCE';
  /** A LEAF of an enum type (its values are names from the schema, not the subject's words). */
  enumValue: boolean;
  /** Whether the field is a list (at any level). */
  list: boolean;
  /** The field's own `@personal` declaration. */
  personal: PersonalFieldDeclaration | null;
  /**
   * The declaration that covers the value: the field's own, or the nearest personal field above
   * it (`LeadContact.address` covers `LeadAddress.street`). Null: not personal data.
   */
  coveredBy: PersonalFieldDeclaration | null;
  /** The field's description in the SDL (for the archive's summary). */
  description: string | null;
}

export interface ExportPlan {
  /** The operation to run: `query DataSubjectExport($id: ID!) { dataSubject(id: $id) { ... } }`. */
  query: string;
  operationName: string;
  /** The root field and the type it returns. */
  rootField: string;
  subjectType: string;
  /** Every selected field, depth first in SDL order. */
  fields: ExportField[];
  /** Personal fields left out because they are declared `export: false` (coordinates). */
  notExported: string[];
}

export interface ExportPlanOptions {
  /** Default `DataSubject`. */
  subjectType?: string;
  /** Default `dataSubject` (a `Query` field taking `id: ID!`). */
  rootField?: string;
  /** Default `DataSubjectExport`. */
  operationName?: string;
}

interface ObjectInfo {
  name: string;
  entity: boolean;
  inaccessible: boolean;
  fields: FieldDefinitionNode[];
}

const has = (directives: readonly ConstDirectiveNode[] | undefined, name: string) =>
  directives?.some((directive) => directive.name.value === name) ?? false;

function isEntityDirective(directive: ConstDirectiveNode): boolean {
  if (directive.name.value === 'key') return true;
  if (directive.name.value !== 'join__type') return false;
  return directive.arguments?.some((argument) => argument.name.value === 'key') ?? false;
}

function collectObjects(document: DocumentNode): { objects: Map<string, ObjectInfo>; abstract: Set<string>; enums: Set<string> } {
  const objects = new Map<string, ObjectInfo>();
  const abstract = new Set<string>();
  const enums = new Set<string>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.ENUM_TYPE_DEFINITION) enums.add(definition.name.value);
    if (
      definition.kind === Kind.INTERFACE_TYPE_DEFINITION ||
      definition.kind === Kind.UNION_TYPE_DEFINITION ||
      definition.kind === Kind.INTERFACE_TYPE_EXTENSION ||
      definition.kind === Kind.UNION_TYPE_EXTENSION
    ) {
      abstract.add(definition.name.value);
      continue;
    }
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    const info = objects.get(definition.name.value) ?? { name: definition.name.value, entity: false, inaccessible: false, fields: [] };
    info.entity ||= definition.directives?.some(isEntityDirective) ?? false;
    info.inaccessible ||= has(definition.directives, 'inaccessible');
    info.fields.push(...(definition.fields ?? []));
    objects.set(info.name, info);
  }
  return { objects, abstract, enums };
}

function namedType(type: TypeNode): { name: string; list: boolean } {
  let list = false;
  let current = type;
  while (current.kind !== Kind.NAMED_TYPE) {
    if (current.kind === Kind.LIST_TYPE) list = true;
    current = current.type;
  }
  return { name: current.name.value, list };
}

class PlanBuilder {
  readonly fields: ExportField[] = [];
  readonly notExported = new Set<string>();

  constructor(
    private readonly objects: Map<string, ObjectInfo>,
    private readonly abstract: Set<string>,
    private readonly enums: Set<string>,
    private readonly personal: Map<string, Map<string, PersonalFieldDeclaration>>,
  ) {}

  /** The selection set text of `typeName`; `root`: the DataSubject level, where entities are expanded. */
  selection(typeName: string, path: string[], stack: string[], coveredBy: PersonalFieldDeclaration | null, root: boolean): string | null {
    const info = this.objects.get(typeName);
    if (info === undefined) return null;
    const parts: string[] = [];
    const seen = new Set<string>();
    for (const field of info.fields) {
      const name = field.name.value;
      if (seen.has(name) || name.startsWith('__')) continue;
      seen.add(name);
      if (has(field.directives, 'inaccessible') || (field.arguments?.length ?? 0) > 0) continue;
      const declaration = this.personal.get(typeName)?.get(name) ?? null;
      const coordinate = `${typeName}.${name}`;
      if (declaration !== null && !declaration.export) {
        this.notExported.add(coordinate);
        continue;
      }
      const { name: returnType, list } = namedType(field.type);
      const fieldPath = [...path, name];
      const covered = declaration ?? coveredBy;
      const base = { path: fieldPath, coordinate, returnType, list, enumValue: this.enums.has(returnType), personal: declaration, coveredBy: covered, description: field.description?.value ?? null };
      const target = this.objects.get(returnType);
      if (this.abstract.has(returnType)) {
        this.fields.push({ ...base, kind: 'LEAF' });
        parts.push(`${name} { __typename }`);
      } else if (target === undefined) {
        this.fields.push({ ...base, kind: 'LEAF' });
        parts.push(name);
      } else if (target.inaccessible) {
        continue;
      } else if (target.entity && !root) {
        this.fields.push({ ...base, kind: 'REFERENCE' });
        parts.push(`${name} { id }`);
      } else {
        if (stack.includes(returnType)) continue;
        const index = this.fields.length;
        this.fields.push({ ...base, kind: 'OBJECT' });
        const inner = this.selection(returnType, fieldPath, [...stack, returnType], covered, false);
        if (inner === null) {
          this.fields.splice(index);
          continue;
        }
        parts.push(`${name} ${inner}`);
      }
    }
    return parts.length === 0 ? null : `{ ${parts.join(' ')} }`;
  }
}

/**
 * The export query and what it selects, from a supergraph (or any SDL with `@key` entities and
 * the personal declarations). Throws when there is no `Query.<rootField>` or no subject type.
 */
export function buildExportPlan(supergraph: string | DocumentNode, options: ExportPlanOptions = {}): ExportPlan {
  const subjectType = options.subjectType ?? 'DataSubject';
  const rootField = options.rootField ?? 'dataSubject';
  const operationName = options.operationName ?? 'DataSubjectExport';
  const document = typeof supergraph === 'string' ? parse(supergraph) : supergraph;
  const { objects, abstract, enums } = collectObjects(document);
  if (!objects.has(subjectType)) throw new Error(`The schema has no ${subjectType} type to export`);
  const query = objects.get('Query');
  if (query?.fields.some((field) => field.name.value === rootField) !== true) {
    throw new Error(`The schema has no Query.${rootField} field to export with`);
  }
  const builder = new PlanBuilder(objects, abstract, enums, indexDeclarations(readPersonalDeclarations(document)));
  const selection = builder.selection(subjectType, [], [subjectType], null, true) ?? '{ id }';
  return {
    query: `query ${operationName}($id: ID!) { ${rootField}(id: $id) ${selection} }`,
    operationName,
    rootField,
    subjectType,
    fields: builder.fields,
    notExported: [...builder.notExported].sort(),
  };
}
