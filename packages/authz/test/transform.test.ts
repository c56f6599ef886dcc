import { createRequire } from 'node:module';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ANONYMOUS, type Identity } from '@leadgraph/identity';
import { ACCESS_SDL, AccessDeclarationError, applyAccessRules, planAccess } from '../src/index.ts';

/** graphql as @apollo/subgraph loads it (CommonJS): see privacy-kit's test/fixtures.ts. */
const cjsGraphql = createRequire(import.meta.url)('graphql') as typeof import('graphql');

function sdl(body: string): string {
  return `extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@inaccessible"])\n${ACCESS_SDL}\n${body}`;
}

function build(body: string, resolvers: Record<string, unknown> = {}) {
  return buildSubgraphSchema({ typeDefs: parse(sdl(body)), resolvers: resolvers as never });
}

const SIGNED_IN: Identity = { userId: 'u1', role: 'client', sessionId: 'h', authenticatedAt: Date.now(), scopes: [], clientIp: null };
const ADMIN: Identity = { ...SIGNED_IN, userId: 'a1', role: 'admin' };

const GUARDED = `
type Query {
  open: String @access(rule: PUBLIC)
  mine: String @access(rule: AUTHENTICATED)
  staff: String @access(rule: ROLE, roles: [ADMIN])
}
type Mutation { act: Boolean! @access(rule: AUTHENTICATED) }
type Secret @key(fields: "id") @access(rule: ROLE, roles: [ADMIN]) { id: ID! value: String }`;

const RESOLVERS = {
  Query: { open: () => 'open', mine: () => 'mine', staff: () => 'staff' },
  Mutation: { act: () => true },
  Secret: { __resolveReference: (ref: { id: string }) => ({ id: ref.id, value: 'v' }) },
};

async function run(query: string, identity: Identity) {
  const schema = applyAccessRules(build(GUARDED, RESOLVERS));
  return cjsGraphql.graphql({ schema, source: query, contextValue: { identity } });
}

describe('applyAccessRules', () => {
  it('refuses a schema with root fields without a rule, listing every one', () => {
    const schema = build(`
type Query { a: String @access(rule: PUBLIC) b: String c: Int }
type Mutation { d: Boolean }`);
    expect(() => applyAccessRules(schema)).toThrow(AccessDeclarationError);
    expect(planAccess(schema).problems).toEqual([
      { coordinate: 'Query.b', code: 'MISSING_RULE' },
      { coordinate: 'Query.c', code: 'MISSING_RULE' },
      { coordinate: 'Mutation.d', code: 'MISSING_RULE' },
    ]);
  });

  it('refuses ROLE without roles and roles without ROLE', () => {
    const schema = build(`type Query { a: String @access(rule: ROLE) b: String @access(rule: PUBLIC, roles: [PRO]) }`);
    expect(planAccess(schema).problems).toEqual([
      { coordinate: 'Query.a', code: 'ROLE_WITHOUT_ROLES' },
      { coordinate: 'Query.b', code: 'ROLES_WITHOUT_ROLE_RULE' },
    ]);
  });

  it('lets PUBLIC through and refuses AUTHENTICATED to the anonymous caller', async () => {
    const result = await run('{ open mine }', ANONYMOUS);
    expect(result.data).toEqual({ open: 'open', mine: null });
    expect(result.errors?.map((e) => [e.path, e.extensions.code])).toEqual([[['mine'], 'UNAUTHENTICATED']]);
  });

  it('answers FORBIDDEN to a signed-in caller without the role, with a message that says nothing of the data', async () => {
    const result = await run('{ mine staff }', SIGNED_IN);
    expect(result.data).toEqual({ mine: 'mine', staff: null });
    expect(result.errors?.map((e) => [e.message, e.extensions.code])).toEqual([['You are not allowed to do this.', 'FORBIDDEN']]);
    expect((await run('{ staff }', ADMIN)).data).toEqual({ staff: 'staff' });
  });

  it('guards mutations and entity fields through a rule on the type', async () => {
    const anonymous = await run('mutation { act }', ANONYMOUS);
    expect(anonymous.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
    const entities = '{ _entities(representations: [{ __typename: "Secret", id: "1" }]) { ... on Secret { value } } }';
    const refused = await run(entities, SIGNED_IN);
    expect(refused.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect((await run(entities, ADMIN)).data).toEqual({ _entities: [{ value: 'v' }] });
  });

  it('treats a context without identity as anonymous', async () => {
    const schema = applyAccessRules(build(GUARDED, RESOLVERS));
    const result = await cjsGraphql.graphql({ schema, source: '{ mine }', contextValue: {} });
    expect(result.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });
});
