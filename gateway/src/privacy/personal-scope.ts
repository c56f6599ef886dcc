import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from '@leadgraph/logging';
import {
  PERSONAL_READ_SCOPE,
  personalFieldsInOperation,
  readPersonalDeclarations,
  type PersonalDeclarations,
} from '@leadgraph/privacy-kit';
import { GraphQLError } from 'graphql';
import type { CallerContext } from '../api-keys/context.ts';

/** The gateway's own privacy codes, kept by its `formatError`. */
export const PRIVACY_CODES = {
  /** An API key without `personal:read` selected personal fields; nothing ran. HTTP 403. */
  PERSONAL_DATA_SCOPE_REQUIRED: 'PERSONAL_DATA_SCOPE_REQUIRED',
} as const;

/** Only fields that can be masked count: `mask: NONE` marks what the subject published for everyone. */
function maskable(declarations: PersonalDeclarations): PersonalDeclarations {
  return { fields: declarations.fields.filter((field) => field.mask !== 'NONE'), subjects: declarations.subjects };
}

export function personalScopeRequired(coordinates: readonly string[]): GraphQLError {
  return new GraphQLError(
    `This API key has no PERSONAL_READ scope, and the operation selects personal data: ${coordinates.join(', ')}. ` +
      'Remove these fields, or ask an admin for a key with the PERSONAL_READ scope.',
    { extensions: { code: PRIVACY_CODES.PERSONAL_DATA_SCOPE_REQUIRED, http: { status: 403 } } },
  );
}

/**
 * Defence in depth for integrators: the subgraphs mask personal fields per value, and on top
 * of that the gateway refuses, before any subgraph is called, an operation from an API key
 * without `personal:read` that selects a personal field. The declarations come from the
 * supergraph (`coreSupergraphSdl`: the API schema has no directives); a supergraph whose
 * declarations cannot be read stops the gateway from loading it. Cookie sessions and anonymous
 * callers are not affected: their subgraphs mask per field and per relationship.
 */
export function personalScopePlugin(logger: Logger): ApolloServerPlugin<CallerContext> {
  let declarations: PersonalDeclarations | null = null;
  return {
    async serverWillStart() {
      return {
        schemaDidLoadOrUpdate({ coreSupergraphSdl }) {
          if (coreSupergraphSdl === undefined) return;
          declarations = maskable(readPersonalDeclarations(coreSupergraphSdl));
          logger.info({ personalFields: declarations.fields.length }, 'personal-data declarations loaded');
        },
      };
    },
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, document, operationName, schema }) {
          const caller = contextValue.caller;
          if (caller?.kind !== 'api-key' || caller.scopes.includes(PERSONAL_READ_SCOPE)) return;
          // Fail closed: without declarations nothing tells personal fields apart.
          if (declarations === null) throw personalScopeRequired(['(declarations not loaded)']);
          const fields = personalFieldsInOperation({ schema, document, declarations, operationName });
          if (fields.length > 0) throw personalScopeRequired(fields.map((field) => field.coordinate));
        },
      };
    },
  };
}
