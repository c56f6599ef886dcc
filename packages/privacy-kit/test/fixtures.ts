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
