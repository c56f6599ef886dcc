import { readFileSync } from 'node:fs';

/** The link-spec URL subgraphs import the personal-data directives from. */
export const PERSONAL_SPEC_URL = 'https://leadgraph.dev/personal/v0.1';

/** The spec's name in @link terms (the URL's last path segment before the version). */
export const PERSONAL_SPEC_NAME = 'personal';

/**
 * What a subgraph imports from the spec: the two directives. The enums stay namespaced
 * (`personal__MaskStrategy`), which keeps them out of the API schema.
 */
export const PERSONAL_SPEC_IMPORTS = ['@personal', '@dataSubject'] as const;

/** The spec's enums, by their canonical name, as they are named in a subgraph (namespaced). */
export const PERSONAL_SPEC_ENUMS = {
  PersonalDataCategory: 'personal__PersonalDataCategory',
  ProcessingPurpose: 'personal__ProcessingPurpose',
  LegalBasis: 'personal__LegalBasis',
  MaskStrategy: 'personal__MaskStrategy',
  ErasureStrategy: 'personal__ErasureStrategy',
} as const;

/** The directive and enum definitions (`personal.graphql`), to append to a subgraph's SDL. */
export const PERSONAL_SPEC_SDL: string = readFileSync(new URL('../personal.graphql', import.meta.url), 'utf8');

/**
 * The erasure and verification-scan fields (`eraseDataSubject`, `scanForValues`) and their
 * types (`privacy-operations.graphql`), the same in every subgraph that links the spec.
 */
export const PRIVACY_OPERATIONS_SDL: string = readFileSync(new URL('../privacy-operations.graphql', import.meta.url), 'utf8');

/**
 * The `extend schema` lines a subgraph needs: the federation import with @composeDirective,
 * the spec import and the two @composeDirective applications. `federationImports` are the
 * subgraph's other federation directives, e.g. `['@key', '@shareable']`.
 */
export function personalSchemaExtension(federationImports: readonly string[], federationVersion = 'v2.9'): string {
  const federation = [...new Set([...federationImports, '@composeDirective'])].map((name) => JSON.stringify(name));
  const spec = PERSONAL_SPEC_IMPORTS.map((name) => JSON.stringify(name));
  return [
    'extend schema',
    `  @link(url: "https://specs.apollo.dev/federation/${federationVersion}", import: [${federation.join(', ')}])`,
    `  @link(url: "${PERSONAL_SPEC_URL}", import: [${spec.join(', ')}])`,
    '  @composeDirective(name: "@personal")',
    '  @composeDirective(name: "@dataSubject")',
  ].join('\n');
}
