/**
 * The `@access` directive every subgraph declares. Subgraph-local: it is not composed into
 * the supergraph, and its two enums are `@inaccessible`, so neither reaches the API schema.
 * Each subgraph SDL imports `@inaccessible` from federation and appends `ACCESS_SDL` verbatim
 * (a test keeps the copies equal).
 */
export const ACCESS_SDL = `"""
Who may call a field (or, on a type, every field of it without its own rule). Enforced by the
subgraph (\`@leadgraph/authz\`), deny by default: a Query or Mutation field without a rule stops
the subgraph at startup. Subgraph-local, never composed.
"""
directive @access(
  "The rule to apply."
  rule: AccessRule!
  "With \`rule: ROLE\`: the roles allowed (at least one)."
  roles: [AccessRole!]
) on FIELD_DEFINITION | OBJECT

"How a field is protected (\`@access\`)."
enum AccessRule @inaccessible {
  "Anyone, anonymous callers included."
  PUBLIC
  "Any signed-in caller."
  AUTHENTICATED
  "A signed-in caller with one of \`roles\`."
  ROLE
}

"A role in \`@access(rule: ROLE, roles: [...])\`."
enum AccessRole @inaccessible {
  "A client."
  CLIENT
  "A pro."
  PRO
  "An admin."
  ADMIN
  "A platform service calling another one (a signed service identity, no user)."
  SERVICE
}`;

/** Rules of `@access`, as in the SDL. */
export const ACCESS_RULES = ['PUBLIC', 'AUTHENTICATED', 'ROLE'] as const;
export type AccessRule = (typeof ACCESS_RULES)[number];

/** SDL role names and the lowercase roles of identities. */
export const ACCESS_ROLES = { CLIENT: 'client', PRO: 'pro', ADMIN: 'admin', SERVICE: 'service' } as const;

/** Root types whose every field must carry a rule. */
export const GUARDED_ROOT_TYPES = ['Query', 'Mutation'] as const;

/** Federation's own root fields: `_service` serves the SDL to composition, `_entities` resolves references (entity types can carry their own rule). */
export const FEDERATION_FIELDS = new Set(['_service', '_entities']);
