import { readFileSync } from 'node:fs';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { Kind, parse, visit, type DocumentNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { SUBGRAPHS } from '../../../schema/subgraphs.ts';
import { ACCESS_SDL, planAccess } from '../src/index.ts';

/** Root fields (Query, Mutation) of an SDL, as `Type.field`. */
function rootFields(document: DocumentNode): string[] {
  return document.definitions.flatMap((def) =>
    def.kind === Kind.OBJECT_TYPE_DEFINITION && (def.name.value === 'Query' || def.name.value === 'Mutation')
      ? (def.fields ?? []).map((f) => `${def.name.value}.${f.name.value}`)
      : [],
  );
}

/** The SDL without the `@access` of one root field. */
function withoutRule(document: DocumentNode, coordinate: string): DocumentNode {
  const [typeName, fieldName] = coordinate.split('.');
  let current = '';
  return visit(document, {
    ObjectTypeDefinition: { enter: (node) => void (current = node.name.value) },
    FieldDefinition: (node) =>
      current === typeName && node.name.value === fieldName
        ? { ...node, directives: (node.directives ?? []).filter((d) => d.name.value !== 'access') }
        : undefined,
  });
}

describe.each(SUBGRAPHS.map((s) => [s.name, s.sdl] as const))('the %s subgraph SDL', (_name, file) => {
  const sdl = readFileSync(file, 'utf8');
  const document = parse(sdl);

  it('carries the @access definitions verbatim', () => {
    expect(sdl).toContain(ACCESS_SDL);
  });

  it('declares a rule on every root field', () => {
    expect(rootFields(document).length).toBeGreaterThan(0);
    expect(planAccess(buildSubgraphSchema({ typeDefs: document })).problems).toEqual([]);
  });

  it('fails the build for each root field whose rule is removed', () => {
    for (const coordinate of rootFields(document)) {
      const schema = buildSubgraphSchema({ typeDefs: withoutRule(document, coordinate) });
      expect(planAccess(schema).problems).toEqual([{ coordinate, code: 'MISSING_RULE' }]);
    }
  });
});
