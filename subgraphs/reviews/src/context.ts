import type { IncomingMessage } from 'node:http';
import { identityFromHeaders, type Identity } from '@leadgraph/identity';
import type { Logger } from '@leadgraph/logging';
import { createLoaders, type Loaders, type Models } from './loaders.ts';
import type { LeadParticipationSource } from './services/lead-participation.ts';
import { viewerOf, type Viewer } from './services/viewer.ts';

/** What every resolver gets: who is asking (from the signed assertion), a logger, batching loaders, peers. */
export interface Context {
  identity: Identity;
  viewer: Viewer;
  logger: Logger;
  loaders: Loaders;
  models: Models;
  /** Contract C3: the leads subgraph's word on a lead. */
  leads: LeadParticipationSource;
}

/** Builds the per-request context; the identity comes only from the verified gateway assertion. */
export function createContextFactory(options: { models: Models; logger: Logger; signingKey: string; leads: LeadParticipationSource }) {
  return async ({ req }: { req: IncomingMessage }): Promise<Context> => {
    const identity = identityFromHeaders(req.headers, options.signingKey);
    return {
      identity,
      viewer: viewerOf(identity),
      logger: options.logger,
      loaders: createLoaders(options.models),
      models: options.models,
      leads: options.leads,
    };
  };
}
