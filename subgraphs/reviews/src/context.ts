import type { IncomingMessage } from 'node:http';
import { identityFromHeaders, type Identity } from '@leadgraph/identity';
import type { Logger } from '@leadgraph/logging';
import { createLoaders, type Loaders, type Models } from './loaders.ts';

/** What every resolver gets: who is asking (from the signed assertion), a logger, batching loaders. */
export interface Context {
  identity: Identity;
  logger: Logger;
  loaders: Loaders;
  models: Models;
}

/** Builds the per-request context; the identity comes only from the verified gateway assertion. */
export function createContextFactory(options: { models: Models; logger: Logger; signingKey: string }) {
  return async ({ req }: { req: IncomingMessage }): Promise<Context> => ({
    identity: identityFromHeaders(req.headers, options.signingKey),
    logger: options.logger,
    loaders: createLoaders(options.models),
    models: options.models,
  });
}
