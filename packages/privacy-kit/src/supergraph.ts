import { createHash } from 'node:crypto';
import { Kind, parse, valueFromASTUntyped, type ConstDirectiveNode, type DocumentNode } from 'graphql';
import { readPersonalDeclarations } from './declarations.ts';
import { buildRecordOfProcessing, type RecordOfProcessing, type RecordOptions } from './record-of-processing.ts';

/**
 * What only the composed supergraph knows: which subgraph resolves each field
 * (`@join__type` / `@join__field`). Read from the SDL text, so it works on the committed
 * `schema/supergraph.graphql` and on the gateway's `coreSupergraphSdl` alike.
 */

function argument(directive: ConstDirectiveNode, name: string): unknown {
  const node = directive.arguments?.find((arg) => arg.name.value === name);
  return node === undefined ? undefined : valueFromASTUntyped(node.value);
}

/** `USERS` → `users`, from `enum join__Graph { USERS @join__graph(name: "users", ...) }`. */
function graphNames(document: DocumentNode): Map<string, string> {
  const names = new Map<string, string>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION || definition.name.value !== 'join__Graph') continue;
    for (const value of definition.values ?? []) {
      const directive = value.directives?.find((d) => d.name.value === 'join__graph');
      const name = directive === undefined ? undefined : argument(directive, 'name');
      names.set(value.name.value, typeof name === 'string' ? name : value.name.value.toLowerCase());
    }
  }
  return names;
}

/**
 * `Type.field` → the subgraphs that resolve it. A field with `@join__field(graph: X)` belongs
 * to those graphs (an `external` one is not counted); a field without belongs to every graph
 * of its type's `@join__type`.
 */
export function subgraphsByField(supergraph: string | DocumentNode): Map<string, string[]> {
  const document = typeof supergraph === 'string' ? parse(supergraph) : supergraph;
  const names = graphNames(document);
  const nameOf = (value: unknown) => (typeof value === 'string' ? (names.get(value) ?? value.toLowerCase()) : undefined);
  const result = new Map<string, string[]>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.INTERFACE_TYPE_DEFINITION) continue;
    const typeGraphs = (definition.directives ?? [])
      .filter((d) => d.name.value === 'join__type')
      .map((d) => nameOf(argument(d, 'graph')))
      .filter((name): name is string => name !== undefined);
    for (const field of definition.fields ?? []) {
      const joins = (field.directives ?? []).filter((d) => d.name.value === 'join__field');
      const graphs = joins.length === 0
        ? typeGraphs
        : joins
            .filter((d) => argument(d, 'external') !== true)
            .map((d) => nameOf(argument(d, 'graph')))
            .filter((name): name is string => name !== undefined);
      result.set(`${definition.name.value}.${field.name.value}`, [...new Set(graphs)].sort());
    }
  }
  return result;
}

/**
 * The Art. 30 record as data, straight from the supergraph SDL: what `pnpm compose` writes to
 * `docs/privacy/record-of-processing.{md,json}`, and what the privacy subgraph serves to admins.
 * `options.collectionsByField` adds the collections (from the storage declarations) when known.
 */
export function recordOfProcessingFromSupergraph(supergraphSdl: string, options: RecordOptions = {}): RecordOfProcessing {
  const document = parse(supergraphSdl);
  return buildRecordOfProcessing(readPersonalDeclarations(document), {
    subgraphsByField: subgraphsByField(document),
    supergraphSha256: createHash('sha256').update(supergraphSdl, 'utf8').digest('hex'),
    ...options,
  });
}
