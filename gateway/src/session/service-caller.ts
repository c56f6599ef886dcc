import type { IncomingHttpHeaders } from 'node:http';
import { IDENTITY_HEADER, isService, serviceIdentity, verifyAssertion, type Identity } from '@leadgraph/identity';
import { PERSONAL_EXPORT_SCOPE } from '@leadgraph/privacy-kit';

/**
 * Platform services that may run a federated query through the gateway, and the scopes each
 * may carry into it. Only the privacy subgraph does (issue #6: the data export is ONE query
 * over every subgraph's `DataSubject` part, planned by the gateway like any other).
 */
export const GATEWAY_SERVICE_CALLERS: Readonly<Record<string, readonly string[]>> = Object.freeze({
  privacy: Object.freeze([PERSONAL_EXPORT_SCOPE]),
});

/**
 * The identity of a platform service calling the gateway, or null. The caller sends the same
 * signed assertion subgraphs exchange (`x-leadgraph-identity`, `createServiceClient`), signed
 * with the identity key. Accepted only when the signature and expiry verify, the role is
 * `service` with no user, and the service is in GATEWAY_SERVICE_CALLERS; its scopes are cut
 * down to what that service may carry. Anything else — a forged or expired token, and above
 * all a validly signed *user* identity — is ignored, and the request is resolved as before
 * from its API key or cookie: a user identity is never accepted from outside.
 */
export function serviceCallerIdentity(headers: IncomingHttpHeaders, identityKey: string, now = Date.now()): Identity | null {
  const raw = headers[IDENTITY_HEADER];
  const token = Array.isArray(raw) ? raw[0] : raw;
  if (token === undefined || token === '') return null;
  const identity = verifyAssertion(token, identityKey, now);
  if (!isService(identity) || identity.userId !== null) return null;
  const name = identity.scopes.find((scope) => scope.startsWith('service:'))?.slice('service:'.length);
  const allowed = name === undefined ? undefined : GATEWAY_SERVICE_CALLERS[name];
  if (name === undefined || allowed === undefined) return null;
  return serviceIdentity(name, identity.scopes.filter((scope) => allowed.includes(scope)));
}
