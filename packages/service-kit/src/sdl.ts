import { readFileSync } from 'node:fs';
// The spec modules only: composition and codegen import this file without the runtime packages.
import { ACCESS_SDL } from '@leadgraph/authz/spec';
import { PERSONAL_SPEC_SDL, PERSONAL_SPEC_URL, PRIVACY_OPERATIONS_SDL } from '@leadgraph/privacy-kit/spec';

/**
 * A subgraph's SDL file with the shared definitions it uses appended: the `@access`
 * directive (`@leadgraph/authz`) when the file applies it, and the personal-data link spec
 * with the erasure and scan fields every such subgraph answers (`@leadgraph/privacy-kit`) when
 * the file links it. The schema files then hold only their
 * own types; the definitions live once, in the package that enforces them. Used by every
 * subgraph's server, by composition and by codegen, so all three see the same schema.
 */
export function readSubgraphSdl(file: URL): string {
  const own = readFileSync(file, 'utf8');
  const parts = [own];
  if (/@access\(/.test(own)) parts.push(ACCESS_SDL);
  if (own.includes(PERSONAL_SPEC_URL)) parts.push(PERSONAL_SPEC_SDL, PRIVACY_OPERATIONS_SDL);
  return parts.join('\n');
}
