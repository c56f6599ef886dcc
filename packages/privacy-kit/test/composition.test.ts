import { describe, expect, it } from 'vitest';
import { composeServices } from '@apollo/composition';
import { Kind, parse } from 'graphql';
import { readPersonalDeclarations } from '../src/declarations.ts';
import { graphqlAsSubgraphLoadsIt, personal, subgraphSdl } from './fixtures.ts';

const USERS = subgraphSdl(`
type Query { user(id: ID!): User }
type User @key(fields: "id") @dataSubject(fields: ["id"]) {
  id: ID!
  email: String! ${personal({ recipients: '["email delivery provider"]' })}
  name: String! ${personal({ category: 'USER_NAME', mask: 'NAME_INITIAL' })}
}`);

const LEADS = subgraphSdl(`
type Query { lead(id: ID!): Lead }
type User @key(fields: "id") @dataSubject(fields: ["id"]) {
  id: ID!
  phone: String ${personal({ category: 'USER_CONTACT_PHONE', mask: 'PHONE', purposes: '[SERVICE_DELIVERY]' })}
}
type Lead @key(fields: "id") @dataSubject(fields: ["clientId", "proId"]) {
  id: ID!
  clientId: ID!
  proId: ID
  details: String! ${personal({ category: 'USER_CONTENT_PRIVATE', mask: 'REDACT', purposes: '[SERVICE_DELIVERY]', retention: '"P2Y"', erasure: 'ANONYMIZE' })}
}`);

function compose(users: string, leads: string) {
  const result = composeServices([
    { name: 'users', url: 'http://users.invalid/graphql', typeDefs: parse(users) },
    { name: 'leads', url: 'http://leads.invalid/graphql', typeDefs: parse(leads) },
  ]);
  if (result.errors !== undefined) throw new Error(result.errors.map((error) => error.message).join('\n'));
  return result;
}

describe('@composeDirective carries the declarations into the supergraph', () => {
  const result = compose(USERS, LEADS);

  it('keeps @personal on fields and @dataSubject on types in the supergraph SDL', () => {
    expect(result.supergraphSdl).toContain('@link(url: "https://leadgraph.dev/personal/v0.1", import: ["@personal", "@dataSubject"])');
    const directives = parse(result.supergraphSdl).definitions.filter((definition) => definition.kind === Kind.DIRECTIVE_DEFINITION);
    const shapes = Object.fromEntries(
      directives.map((d) => [d.name.value, { args: (d.arguments ?? []).map((a) => a.name.value), on: d.locations.map((l) => l.value) }]),
    );
    expect(shapes.personal).toEqual({
      args: ['category', 'purposes', 'basis', 'mask', 'retention', 'erasure', 'legalHoldFor', 'export', 'recipients'],
      on: ['FIELD_DEFINITION'],
    });
    expect(shapes.dataSubject).toEqual({ args: ['fields'], on: ['OBJECT'] });
    expect(result.supergraphSdl).toMatch(/phone: String @join__field\(graph: LEADS\) @personal\(category: USER_CONTACT_PHONE/);
  });

  it('reads every subgraph’s declarations back from the supergraph', () => {
    const { fields, subjects } = readPersonalDeclarations(result.supergraphSdl);
    expect(fields.map((field) => field.coordinate).sort()).toEqual(['Lead.details', 'User.email', 'User.name', 'User.phone']);
    expect(fields.find((field) => field.coordinate === 'Lead.details')).toMatchObject({ retention: { text: 'P2Y' }, erasure: 'ANONYMIZE' });
    expect(fields.find((field) => field.coordinate === 'User.email')?.recipients).toEqual(['email delivery provider']);
    expect(subjects).toEqual(
      expect.arrayContaining([
        { typeName: 'User', fields: ['id'], coOwned: false },
        { typeName: 'Lead', fields: ['clientId', 'proId'], coOwned: true },
      ]),
    );
  });

  it('strips the directives from the API schema clients see', () => {
    const api = graphqlAsSubgraphLoadsIt.printSchema(result.schema.toAPISchema().toGraphQLJSSchema());
    expect(api).not.toContain('@personal');
    expect(api).not.toContain('@dataSubject');
    expect(api).toContain('phone: String');
    // The spec's enums are namespaced, not imported: they stay out of the public schema.
    expect(api).not.toMatch(/^enum /m);
    expect(result.supergraphSdl).toMatch(/^enum personal__MaskStrategy/m);
  });

  it('loses the declarations when a subgraph forgets @composeDirective', () => {
    const strip = (sdl: string) => sdl.replace(/\s*@composeDirective\(name: "@personal"\)/, '');
    const withoutCompose = compose(strip(USERS), strip(LEADS));
    expect(readPersonalDeclarations(withoutCompose.supergraphSdl).fields).toEqual([]);
  });
});
