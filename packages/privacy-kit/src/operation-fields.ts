import {
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { indexDeclarations, type PersonalDeclarations, type PersonalFieldDeclaration } from './declarations.ts';

/**
 * Which personal fields an operation selects, for the gateway's deny-by-default: it reads the
 * declarations from the supergraph SDL (`coreSupergraphSdl` in `schemaDidLoadOrUpdate`) and,
 * per request, refuses or flags an operation whose caller lacks the personal-data scope.
 *
 * Written without graphql-js's `instanceof` helpers (`isObjectType`, `TypeInfo`), so it works on
 * a schema from any copy of graphql-js (the gateway's CommonJS one or an ESM one).
 */

export interface OperationFieldsRequest {
  /** The API schema the gateway serves. */
  schema: GraphQLSchema;
  document: DocumentNode;
  declarations: PersonalDeclarations;
  /** Which operation of the document runs; the only one when omitted. */
  operationName?: string | null;
}

function tag(type: unknown): string {
  return Object.prototype.toString.call(type);
}

type Fielded = GraphQLNamedType & { getFields(): Record<string, GraphQLField<unknown, unknown>> };

function hasFields(type: GraphQLNamedType | undefined | null): type is Fielded {
  const kind = tag(type);
  return kind === '[object GraphQLObjectType]' || kind === '[object GraphQLInterfaceType]';
}

/** The named type under lists and non-nulls. */
function namedTypeOf(type: unknown): GraphQLNamedType | undefined {
  let current = type as { ofType?: unknown } | undefined;
  while (current !== undefined && current.ofType !== undefined) current = current.ofType as { ofType?: unknown };
  return current as GraphQLNamedType | undefined;
}

/** The object types a field of `type` may resolve on: itself, an interface's implementations, a union's members. */
function concreteTypeNames(schema: GraphQLSchema, type: GraphQLNamedType): string[] {
  const kind = tag(type);
  if (kind === '[object GraphQLObjectType]') return [type.name];
  if (kind === '[object GraphQLInterfaceType]') return schema.getImplementations(type as never).objects.map((object) => object.name);
  if (kind === '[object GraphQLUnionType]') return (type as unknown as { getTypes(): Array<{ name: string }> }).getTypes().map((member) => member.name);
  return [];
}

function selectedOperation(document: DocumentNode, operationName: string | null | undefined): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  if (operationName === undefined || operationName === null) return operations.length === 1 ? operations[0] : undefined;
  return operations.find((operation) => operation.name?.value === operationName);
}

/** The personal fields the operation selects, each once, in the order first met. */
export function personalFieldsInOperation(request: OperationFieldsRequest): PersonalFieldDeclaration[] {
  const { schema, document } = request;
  const index = indexDeclarations(request.declarations);
  const operation = selectedOperation(document, request.operationName);
  if (operation === undefined) return [];
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const found = new Map<string, PersonalFieldDeclaration>();
  // A fragment spread twice on one type is walked once (and a fragment cycle ends).
  const spreadsWalked = new Set<string>();

  function visit(selectionSet: SelectionSetNode, parent: GraphQLNamedType): void {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (!hasFields(parent)) continue;
        const name = selection.name.value;
        for (const typeName of concreteTypeNames(schema, parent)) {
          const declaration = index.get(typeName)?.get(name);
          if (declaration !== undefined && !found.has(declaration.coordinate)) found.set(declaration.coordinate, declaration);
        }
        const field = parent.getFields()[name];
        const child = field === undefined ? undefined : namedTypeOf(field.type);
        if (selection.selectionSet !== undefined && child !== undefined) visit(selection.selectionSet, child);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition === undefined ? parent : schema.getType(selection.typeCondition.name.value);
        if (condition !== undefined && condition !== null) visit(selection.selectionSet, condition);
      } else {
        const spread = `${selection.name.value} on ${parent.name}`;
        if (spreadsWalked.has(spread)) continue;
        spreadsWalked.add(spread);
        const fragment = fragments.get(selection.name.value);
        const condition = fragment === undefined ? undefined : schema.getType(fragment.typeCondition.name.value);
        if (fragment !== undefined && condition !== undefined && condition !== null) visit(fragment.selectionSet, condition);
      }
    }
  }

  const root =
    operation.operation === 'query' ? schema.getQueryType() : operation.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
  if (root !== null && root !== undefined) visit(operation.selectionSet, root);
  return [...found.values()];
}
