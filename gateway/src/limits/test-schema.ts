import { buildSchema, parse, specifiedRules, validate, type GraphQLError, type ValidationRule } from 'graphql';

/** A small recursive schema for the limit rules' unit tests. */
export const schema = buildSchema(/* GraphQL */ `
  type Query {
    user(id: ID!): User
    users: [User!]!
  }
  type User {
    id: ID!
    name: String
    friends: [User!]!
  }
`);

/** Validates `source` with the standard rules plus `rule`; returns the errors. */
export function check(rule: ValidationRule, source: string): readonly GraphQLError[] {
  return validate(schema, parse(source), [...specifiedRules, rule]);
}

/** `{ user(id: 1) { friends { friends { ... id } } } }` with `depth` levels of fields. */
export function nested(depth: number): string {
  let inner = 'id';
  for (let level = 2; level < depth; level += 1) inner = `friends { ${inner} }`;
  return `{ user(id: "1") { ${inner} } }`;
}

export const codes = (errors: readonly GraphQLError[]) => errors.map((e) => e.extensions.code);
