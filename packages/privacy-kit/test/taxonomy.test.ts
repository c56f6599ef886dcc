import { describe, expect, it } from 'vitest';
import { buildASTSchema, isEnumType, parse, type GraphQLSchema } from 'graphql';
import { PERSONAL_SPEC_ENUMS, PERSONAL_SPEC_SDL, personalSchemaExtension } from '../src/spec.ts';
import { CATEGORIES, ERASURE_STRATEGIES, LEGAL_BASES, MASK_STRATEGIES, PURPOSES } from '../src/taxonomy.ts';

function enumValues(schema: GraphQLSchema, name: string): string[] {
  const type = schema.getType(name);
  if (!isEnumType(type)) throw new Error(`${name} is not an enum`);
  return type.getValues().map((value) => value.name);
}

describe('personal.graphql and taxonomy.ts', () => {
  const schema = buildASTSchema(parse(`${PERSONAL_SPEC_SDL}\ntype Query { ok: Boolean }`));

  it('define the same vocabulary', () => {
    expect(enumValues(schema, PERSONAL_SPEC_ENUMS.PersonalDataCategory)).toEqual(Object.keys(CATEGORIES));
    expect(enumValues(schema, PERSONAL_SPEC_ENUMS.ProcessingPurpose)).toEqual(Object.keys(PURPOSES));
    expect(enumValues(schema, PERSONAL_SPEC_ENUMS.LegalBasis)).toEqual([...LEGAL_BASES]);
    expect(enumValues(schema, PERSONAL_SPEC_ENUMS.MaskStrategy)).toEqual([...MASK_STRATEGIES]);
    expect(enumValues(schema, PERSONAL_SPEC_ENUMS.ErasureStrategy)).toEqual([...ERASURE_STRATEGIES]);
  });

  it('documents every category with a fideslang key matching its enum name', () => {
    for (const [name, info] of Object.entries(CATEGORIES)) {
      expect(info.key.replace(/\./g, '_').toUpperCase()).toBe(name);
      expect(info.description.length).toBeGreaterThan(5);
    }
  });

  it('declares @personal with every argument and @dataSubject on objects', () => {
    const personal = schema.getDirective('personal');
    expect(personal?.args.map((arg) => arg.name)).toEqual([
      'category', 'purposes', 'basis', 'mask', 'retention', 'erasure', 'legalHoldFor', 'export', 'recipients',
    ]);
    expect(personal?.locations).toEqual(['FIELD_DEFINITION']);
    expect(schema.getDirective('dataSubject')?.locations).toEqual(['OBJECT']);
  });

  it('writes the schema extension a subgraph needs', () => {
    const extension = personalSchemaExtension(['@key', '@shareable']);
    expect(extension).toContain('import: ["@key", "@shareable", "@composeDirective"]');
    expect(extension).toContain('@link(url: "https://leadgraph.dev/personal/v0.1", import: ["@personal", "@dataSubject"])');
    expect(extension).toContain('@composeDirective(name: "@personal")');
    expect(extension).toContain('@composeDirective(name: "@dataSubject")');
  });
});

describe('README.md', () => {
  it('documents every category, purpose, mask and erasure strategy', async () => {
    const { readFile } = await import('node:fs/promises');
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    for (const [name, info] of Object.entries(CATEGORIES)) {
      expect(readme).toContain(`| \`${name}\` | \`${info.key}\``);
    }
    for (const name of [...Object.keys(PURPOSES), ...MASK_STRATEGIES, ...ERASURE_STRATEGIES]) {
      expect(readme).toContain(`| \`${name}\` |`);
    }
  });
});
