import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from '@leadgraph/logging';

/**
 * One log line per operation: its name and type, the error codes and the duration. Never the
 * query text, variables or results (they may hold personal data). Debug level when all went
 * well, warn when the response carries errors.
 */
export function requestLogPlugin(logger: Logger): ApolloServerPlugin {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ operationName, operation, response, errors }) {
          const codes = (errors ?? []).map((error) => error.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
          const entry = {
            operationName: operationName ?? null,
            operationType: operation?.operation ?? null,
            status: response.http.status ?? 200,
            errorCodes: codes,
            ms: Math.round((performance.now() - started) * 10) / 10,
          };
          if (codes.length > 0) logger.warn(entry, 'graphql request with errors');
          else logger.debug(entry, 'graphql request');
        },
      };
    },
  };
}
