import { GraphQLError } from 'graphql';
import { request } from 'undici';
import { IDENTITY_HEADER, serviceIdentity, signAssertion } from '@leadgraph/identity';
import type { Logger } from '@leadgraph/logging';

/** The four subgraphs, in composition order. */
export const SUBGRAPH_NAMES = ['users', 'leads', 'reviews', 'privacy'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

/**
 * Where another subgraph's GraphQL endpoint is. A function, so a test platform can start
 * every subgraph on a free port and fill the table afterwards (calls happen per request).
 */
export type PeerUrl = (peer: SubgraphName) => string;

/** The peers' endpoints from a subgraph's configuration (`USERS_URL`... in `subgraphConfigSpec`). */
export function peerUrlFromConfig(config: { USERS_URL: string; LEADS_URL: string; REVIEWS_URL: string; PRIVACY_URL: string }): PeerUrl {
  const urls: Record<SubgraphName, string> = {
    users: config.USERS_URL,
    leads: config.LEADS_URL,
    reviews: config.REVIEWS_URL,
    privacy: config.PRIVACY_URL,
  };
  return (peer) => urls[peer];
}

export interface ServiceClientOptions {
  /** The calling service's name, signed into its identity (`service:<name>` scope). */
  self: SubgraphName;
  signingKey: string;
  peerUrl: PeerUrl;
  logger?: Logger;
  /** Per-call timeout; default 5000 ms. */
  timeoutMs?: number;
}

/** Calls another subgraph's GraphQL API as a platform service (role `service`, no user). */
export interface ServiceClient {
  /** The data of `query`, or a `SERVICE_UNAVAILABLE` GraphQL error when the peer fails or answers with errors. */
  query<TData>(peer: SubgraphName, query: string, variables?: Record<string, unknown>): Promise<TData>;
}

interface GraphQLResponseBody<TData> {
  data?: TData | null;
  errors?: { extensions?: { code?: unknown } }[];
}

function unavailable(peer: SubgraphName): GraphQLError {
  return new GraphQLError(`The ${peer} service could not answer. Try again shortly.`, {
    extensions: { code: 'SERVICE_UNAVAILABLE', service: peer },
  });
}

/**
 * A client for service-to-service calls. Each call signs a fresh short-lived service
 * assertion. Failures are logged with the peer, the HTTP status and the error codes only:
 * never the variables or the error messages, which may carry personal data.
 */
export function createServiceClient(options: ServiceClientOptions): ServiceClient {
  const timeoutMs = options.timeoutMs ?? 5000;
  return {
    async query<TData>(peer: SubgraphName, query: string, variables: Record<string, unknown> = {}) {
      const token = signAssertion(serviceIdentity(options.self), options.signingKey, 30);
      let status = 0;
      let body: GraphQLResponseBody<TData> | undefined;
      try {
        const response = await request(options.peerUrl(peer), {
          method: 'POST',
          headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: token },
          body: JSON.stringify({ query, variables }),
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
        });
        status = response.statusCode;
        body = (await response.body.json()) as GraphQLResponseBody<TData>;
      } catch (error) {
        options.logger?.warn({ event: 'service.call_failed', peer, code: (error as { code?: string }).code }, 'service call failed');
        throw unavailable(peer);
      }
      if (body.errors !== undefined && body.errors.length > 0) {
        const codes = body.errors.map((e) => String(e.extensions?.code ?? 'UNKNOWN'));
        options.logger?.warn({ event: 'service.call_errors', peer, status, codes }, 'service call answered with errors');
        throw unavailable(peer);
      }
      if (body.data === undefined || body.data === null) {
        options.logger?.warn({ event: 'service.call_no_data', peer, status }, 'service call answered without data');
        throw unavailable(peer);
      }
      return body.data;
    },
  };
}
