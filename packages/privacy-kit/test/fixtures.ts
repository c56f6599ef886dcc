import { createRequire } from 'node:module';
import { PERSONAL_SPEC_SDL, personalSchemaExtension } from '../src/spec.ts';

/** A subgraph SDL importing the personal spec (and @key), with its definitions appended. */
export function subgraphSdl(body: string, federationImports: readonly string[] = ['@key']): string {
  return `${personalSchemaExtension(federationImports)}\n\n${body}\n\n${PERSONAL_SPEC_SDL}`;
}

/** A `@personal(...)` application with valid defaults; override any argument as SDL text. */
export function personal(overrides: Record<string, string> = {}): string {
  const args: Record<string, string> = {
    category: 'USER_CONTACT_EMAIL',
    purposes: '[ACCOUNT_MANAGEMENT]',
    basis: 'CONTRACT',
    mask: 'EMAIL',
    erasure: 'DELETE',
    ...overrides,
  };
  return `@personal(${Object.entries(args).map(([name, value]) => `${name}: ${value}`).join(', ')})`;
}

/**
 * graphql-js as `@apollo/subgraph` and `@apollo/composition` load it (CommonJS). Under vitest
 * our own `import` of graphql resolves to the ESM build, a second copy whose `execute` and
 * `printSchema` reject their schemas ("from another module or realm"); under Node both are
 * the CommonJS build, so only tests need this.
 */
export const graphqlAsSubgraphLoadsIt = createRequire(import.meta.url)('graphql') as typeof import('graphql');
