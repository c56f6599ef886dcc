import { describe, expect, it } from 'vitest';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { readPersonalDeclarations } from '../src/declarations.ts';
import { personalFieldsInOperation } from '../src/operation-fields.ts';
import { personal, subgraphSdl } from './fixtures.ts';

const USERS = subgraphSdl(`
type Query { user(id: ID!): User node(id: ID!): Node search: [SearchResult!]! }
interface Node { id: ID! }
union SearchResult = User | Company
type Company implements Node @key(fields: "id") { id: ID! title: String }
type User implements Node @key(fields: "id") @dataSubject(fields: ["id"]) {
  id: ID!
  email: String! ${personal()}
  name: String! ${personal({ category: 'USER_NAME', mask: 'NAME_INITIAL' })}
  bio: String ${personal({ category: 'USER_CONTENT_PUBLIC', mask: 'NONE' })}
  friends: [User!]!
}`);

const composed = composeServices([{ name: 'users', url: 'http://users.invalid/graphql', typeDefs: parse(USERS) }]);
if (composed.errors !== undefined) throw new Error(composed.errors.map((error) => error.message).join('\n'));
const schema = composed.schema.toAPISchema().toGraphQLJSSchema();
const declarations = readPersonalDeclarations(composed.supergraphSdl);

function coordinates(query: string, operationName?: string): string[] {
  return personalFieldsInOperation({ schema, document: parse(query), declarations, operationName }).map((field) => field.coordinate);
}

describe('personalFieldsInOperation', () => {
  it('finds personal fields at any depth, each once', () => {
    expect(coordinates('{ user(id: "1") { id email friends { email name friends { name } } } }')).toEqual(['User.email', 'User.name']);
  });

  it('finds none in an operation without personal fields', () => {
    expect(coordinates('{ user(id: "1") { id friends { id } } }')).toEqual([]);
  });

  it('reports fields masked NONE too, so the gateway can tell them apart', () => {
    expect(coordinates('{ user(id: "1") { bio } }')).toEqual(['User.bio']);
  });

  it('follows named and inline fragments, interfaces and unions', () => {
    expect(coordinates('{ user(id: "1") { ...F } } fragment F on User { name ...F2 } fragment F2 on User { ...F }')).toEqual(['User.name']);
    expect(coordinates('{ node(id: "1") { ... on User { email } } }')).toEqual(['User.email']);
    expect(coordinates('{ search { ... on Company { title } ... on User { name } } }')).toEqual(['User.name']);
  });

  it('picks the named operation', () => {
    const document = 'query A { user(id: "1") { id } } query B { user(id: "1") { email } }';
    expect(coordinates(document, 'A')).toEqual([]);
    expect(coordinates(document, 'B')).toEqual(['User.email']);
    expect(coordinates(document)).toEqual([]);
  });
});
