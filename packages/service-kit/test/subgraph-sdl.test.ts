import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { Kind, parse, visit, type DocumentNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { SUBGRAPHS } from '../../../schema/subgraphs.ts';
import { ACCESS_SDL, planAccess } from '@leadgraph/authz';
import { PERSONAL_SPEC_SDL, PERSONAL_SPEC_URL } from '@leadgraph/privacy-kit';
import { readSubgraphSdl } from '../src/index.ts';

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

describe('readSubgraphSdl and the personal-data spec', () => {
  const read = (name: string) => readSubgraphSdl(SUBGRAPHS.find((s) => s.name === name)!.sdl);

  it.each(SUBGRAPHS.map((s) => s.name))('appends the spec once to the %s subgraph, which links it', (name) => {
    expect(readFileSync(SUBGRAPHS.find((s) => s.name === name)!.sdl, 'utf8')).toContain(PERSONAL_SPEC_URL);
    expect(read(name).split(PERSONAL_SPEC_SDL).length).toBe(2);
  });

  it('leaves it out of an SDL that does not link it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sdl-'));
    const file = join(dir, 'plain.graphql');
    writeFileSync(file, 'type Query { hello: String @access(rule: PUBLIC) }\n');
    const sdl = readSubgraphSdl(pathToFileURL(file));
    expect(sdl).not.toContain(PERSONAL_SPEC_SDL);
    expect(sdl.split(ACCESS_SDL).length).toBe(2);
  });
});

describe.each(SUBGRAPHS.map((s) => [s.name, s.sdl] as const))('the %s subgraph SDL', (_name, file) => {
  const sdl = readSubgraphSdl(file);
  const document = parse(sdl);

  it('is read with the @access definitions appended once', () => {
    expect(sdl.split(ACCESS_SDL).length).toBe(2);
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
