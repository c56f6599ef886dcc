import type { IncomingMessage, ServerResponse } from 'node:http';
import { isRecentlyAuthenticated, type AuthDeps } from '@leadgraph/auth';
import { identityFromHeaders, type Identity } from '@leadgraph/identity';
import type { Logger } from '@leadgraph/logging';
import type { PrivacyRequestContext } from '@leadgraph/privacy-kit';
import type { Connection } from 'mongoose';
import type { AccountMailer } from './auth/mailer.ts';
import type { MediaBucket } from './media/store.ts';
import type { DerivedKeys } from './keys.ts';
import type { PrivacyPeer } from './peers/privacy.ts';
import { createLoaders, type Loaders, type Models } from './loaders.ts';
import { sessionHandoff, type SessionHandoff } from './session-handoff.ts';

/** Header carrying an admin's stated reason for reading personal data in clear (forwarded by the gateway). */
export const ADMIN_REASON_HEADER = 'x-leadgraph-admin-reason';

/** What the accounts services need, built once per subgraph. */
export interface Accounts {
  auth: AuthDeps;
  mailer: AccountMailer;
  /** How recent a password entry must be for sensitive actions (change email, delete account). */
  recentAuthMinutes: number;
}

/** What the marketplace services need (pro profiles, images, service messages), built once per subgraph. */
export interface Marketplace {
  /** The users database: the mail outbox of service messages. */
  db: Connection;
  /** Base of the links in service messages (`${appUrl}/leads/<id>`). */
  appUrl: string;
  /** Base of image URLs (`${mediaBaseUrl}/media/<sha256>`). */
  mediaBaseUrl: string;
  bucket: MediaBucket;
  limits: { maxImageBytes: number; maxGalleryImages: number };
  /** The privacy subgraph: restrictions, marketing consent (service-to-service calls). */
  privacy: PrivacyPeer;
  /** Keys derived from the signing key: payout fingerprints, unsubscribe links. */
  keys: DerivedKeys;
}

/** What every resolver gets: who is asking (from the signed assertion), a logger, batching loaders. */
export interface Context extends PrivacyRequestContext {
  identity: Identity;
  logger: Logger;
  loaders: Loaders;
  models: Models;
  accounts: Accounts;
  marketplace: Marketplace;
  /** Whether the caller entered their password within `accounts.recentAuthMinutes`. */
  recentlyAuthenticated: boolean;
  /** Hands a new session to the gateway, or asks it to clear the cookie. */
  session: SessionHandoff;
}

/** Builds the per-request context; the identity comes only from the verified gateway assertion. */
export function createContextFactory(options: { models: Models; logger: Logger; signingKey: string; accounts: Accounts; marketplace: Marketplace }) {
  return async ({ req, res }: { req: IncomingMessage; res?: ServerResponse }): Promise<Context> => {
    const identity = identityFromHeaders(req.headers, options.signingKey);
    const reason = req.headers[ADMIN_REASON_HEADER];
    return {
      identity,
      logger: options.logger,
      loaders: createLoaders(options.models),
      models: options.models,
      accounts: options.accounts,
      marketplace: options.marketplace,
      recentlyAuthenticated: isRecentlyAuthenticated(identity.authenticatedAt, options.accounts.recentAuthMinutes),
      session: sessionHandoff(res),
      privacy: typeof reason === 'string' && reason.trim() !== '' ? { adminReason: reason.trim().slice(0, 200) } : {},
    };
  };
}
