import type { IncomingMessage } from 'node:http';
import { identityFromHeaders, type Identity } from '@leadgraph/identity';
import type { Logger } from '@leadgraph/logging';
import type { PrivacyRequestContext } from '@leadgraph/privacy-kit';
import { createLoaders, type Loaders, type Models } from './loaders.ts';
import type { Notifier } from './notifications/notifier.ts';
import type { ReviewsPeer } from './peers/reviews-client.ts';
import type { UsersPeer } from './peers/users-client.ts';
import { createLeadAccess, type LeadAccess } from './services/lead-access.ts';
import { contactRelationship } from './services/contact-relationship.ts';

/** Header carrying an admin's stated reason for reading personal data in clear (forwarded by the gateway). */
export const ADMIN_REASON_HEADER = 'x-leadgraph-admin-reason';

/** What the services need beyond the models, built once per subgraph. */
export interface LeadsDeps {
  /** The users subgraph (C1 matching profiles, C2 service messages). */
  users: UsersPeer;
  /** Service mails that survive a users outage. */
  notifier: Notifier;
  /** Most responses one lead takes. */
  maxResponsesPerLead: number;
  /** The reviews subgraph (review aggregates for partner statistics). */
  reviews: ReviewsPeer;
  /** Fewest distinct people a reported statistics group has (k-anonymity). */
  statisticsMinGroupSize: number;
}

/** What every resolver gets: who is asking (from the signed assertion), a logger, batching loaders. */
export interface Context extends PrivacyRequestContext {
  identity: Identity;
  logger: Logger;
  loaders: Loaders;
  models: Models;
  deps: LeadsDeps;
  /** Who may see which lead, decided once per lead per request. */
  access: LeadAccess;
}

/** Builds the per-request context; the identity comes only from the verified gateway assertion. */
export function createContextFactory(options: { models: Models; logger: Logger; signingKey: string; deps: LeadsDeps }) {
  return async ({ req }: { req: IncomingMessage }): Promise<Context> => {
    const identity = identityFromHeaders(req.headers, options.signingKey);
    const loaders = createLoaders(options.models, options.deps.users);
    const access = createLeadAccess(identity, loaders);
    const reason = req.headers[ADMIN_REASON_HEADER];
    return {
      identity,
      logger: options.logger,
      loaders,
      models: options.models,
      deps: options.deps,
      access,
      privacy: {
        ...(typeof reason === 'string' && reason.trim() !== '' ? { adminReason: reason.trim().slice(0, 200) } : {}),
        relationship: (typeName, parent) => contactRelationship(identity, access, typeName, parent),
      },
    };
  };
}
