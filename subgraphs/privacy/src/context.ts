import type { IncomingMessage } from 'node:http';
import { identityFromHeaders, type Identity } from '@leadgraph/identity';
import type { Logger } from '@leadgraph/logging';
import type { Scheduler } from '@leadgraph/scheduler';
import type { PrivacyDeps } from './deps.ts';
import { createLoaders, type Loaders, type Models } from './loaders.ts';
import { visitorFromHeaders, type Visitor } from './visitor.ts';

/** Header an admin's client sets to state why they read personal data in clear (privacy-kit). */
export const ADMIN_REASON_HEADER = 'x-leadgraph-admin-reason';

/** What every resolver gets: who is asking (from the signed assertion), a logger, batching loaders. */
export interface Context {
  identity: Identity;
  /** The browser behind the request: visitor id, GPC signal, user agent (gateway headers). */
  visitor: Visitor;
  logger: Logger;
  loaders: Loaders;
  models: Models;
  deps: PrivacyDeps;
  scheduler: Scheduler;
  /** For `@personal` masking: an admin's stated reason. */
  privacy: { adminReason?: string };
  /** Whether this subgraph's database answers a ping now. */
  databaseReachable: () => Promise<boolean>;
}

/** Builds the per-request context; the identity comes only from the verified gateway assertion. */
export function createContextFactory(options: {
  deps: PrivacyDeps;
  scheduler: Scheduler;
  logger: Logger;
  signingKey: string;
  databaseReachable: () => Promise<boolean>;
}) {
  return async ({ req }: { req: IncomingMessage }): Promise<Context> => {
    const reason = req.headers[ADMIN_REASON_HEADER];
    return {
      identity: identityFromHeaders(req.headers, options.signingKey),
      visitor: visitorFromHeaders(req.headers),
      logger: options.logger,
      loaders: createLoaders(options.deps.models),
      models: options.deps.models,
      deps: options.deps,
      scheduler: options.scheduler,
      privacy: typeof reason === 'string' && reason.trim() !== '' ? { adminReason: reason.trim().slice(0, 200) } : {},
      databaseReachable: options.databaseReachable,
    };
  };
}
