import { readFileSync } from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { listen } from '@leadgraph/http';
import { IDENTITY_HEADER, resolveSigningKey, signAssertion } from '@leadgraph/identity';
import { createLogger, type Logger } from '@leadgraph/logging';
import { openGatewayApiKeys } from './api-keys/api-keys.ts';
import type { CallerContext } from './api-keys/context.ts';
import type { ApiKeyRateLimit } from './api-keys/rate-limit.ts';
import { readApiKey } from './api-keys/read-key.ts';
import { invalidApiKey } from './api-keys/errors.ts';
import { DEFAULT_MAX_BODY_BYTES } from './config.ts';
import { defenceOptions } from './defences.ts';
import { mediaRelay, unsubscribeRelay } from './relay.ts';
import { resolveLimits, type Limits } from './limits/index.ts';
import { requestLogPlugin } from './plugins/request-log.ts';
import { personalScopePlugin } from './privacy/personal-scope.ts';
import { sessionResponsePlugin } from './plugins/session-response.ts';
import { clientIpOf } from './session/client-ip.ts';
import { checkOrigin, DEFAULT_ALLOWED_ORIGINS } from './session/origin.ts';
import { serviceCallerIdentity } from './session/service-caller.ts';
import { DEFAULT_USERS_DB_NAME, openGatewaySessions } from './session/sessions.ts';
import { SubgraphDataSource } from './subgraph/data-source.ts';
import { checkSubgraphs } from './subgraph/health.ts';
import { createSubgraphAgent, createUndiciFetcher, type SubgraphTimeouts } from './subgraph/undici-fetcher.ts';
import { rememberVisitorCookie, resolveVisitor, visitorCookiePlugin } from './visitor.ts';

export const SUBGRAPH_NAMES = ['users', 'leads', 'reviews', 'privacy'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

/** The composed supergraph (`pnpm compose`), resolved from this module, not the working directory. */
export const SUPERGRAPH_PATH = new URL('../../schema/supergraph.graphql', import.meta.url);

export type GatewayTimeouts = SubgraphTimeouts & { healthTimeoutMs: number };

export const DEFAULT_TIMEOUTS: Readonly<GatewayTimeouts> = Object.freeze({
  connectTimeoutMs: 2_000,
  headersTimeoutMs: 10_000,
  bodyTimeoutMs: 10_000,
  healthTimeoutMs: 1_000,
});

export interface StartGatewayOptions {
  /** Each subgraph's GraphQL URL; overrides the URLs in the supergraph. */
  subgraphs: Record<SubgraphName, string>;
  /** Default 0: any free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Production turns introspection off. */
  production?: boolean;
  limits?: Partial<Limits>;
  timeouts?: Partial<GatewayTimeouts>;
  logger?: Logger;
  /** Key signing the identity assertion; default IDENTITY_SIGNING_KEY or the development key. */
  identityKey?: string;
  /** MongoDB holding the users subgraph's database, where sessions are validated. */
  mongoUri: string;
  /** Default `leadgraph_users`. */
  usersDbName?: string;
  /** `Secure` + `__Host-sid` session cookie; default: in production. */
  secureCookies?: boolean;
  /** Browser origins allowed to POST (CSRF defence); default the local dev origins. */
  allowedOrigins?: Iterable<string>;
  /** How many reverse proxies in front append to `X-Forwarded-For`; default 0 (header ignored). */
  trustProxy?: number;
  /** Serve this supergraph instead of `schema/supergraph.graphql` (tests with stand-in subgraphs). */
  supergraphSdl?: string;
  /** Largest request body in bytes (413 above); default DEFAULT_MAX_BODY_BYTES. */
  maxBodyBytes?: number;
  /** Per-key request budget of API keys (per gateway instance); default 600/min, bursts of 100. */
  apiKeyRateLimit?: ApiKeyRateLimit;
}

export interface RunningGateway {
  /** `http://host:port`: GraphQL at `${url}/graphql`, health at `${url}/health`. */
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * Serves the supergraph through `@apollo/gateway`: the session cookie is validated once per
 * request (sliding renewal, removal of an invalid cookie), subgraph requests go through one
 * shared keep-alive undici agent, carry a signed identity assertion (signed once per
 * request), and fail soft (a down subgraph yields partial data with SUBGRAPH_UNAVAILABLE).
 * The users subgraph's session handoff becomes `Set-Cookie`. `/health` is 200 only when the
 * schema is loaded, the sessions database answers and every subgraph's `/health` is 200.
 */
export async function startGateway(options: StartGatewayOptions): Promise<RunningGateway> {
  const logger = options.logger ?? createLogger('gateway');
  const production = options.production ?? process.env.NODE_ENV === 'production';
  const identityKey =
    options.identityKey ?? resolveSigningKey(process.env.IDENTITY_SIGNING_KEY, production ? 'production' : undefined);
  const timeouts: GatewayTimeouts = { ...DEFAULT_TIMEOUTS, ...definedOnly(options.timeouts ?? {}) };
  const subgraphUrls = { ...options.subgraphs };

  const security = { secure: options.secureCookies ?? production };
  const allowedOrigins = new Set(options.allowedOrigins ?? DEFAULT_ALLOWED_ORIGINS);
  const trustProxy = options.trustProxy ?? 0;
  const sessions = await openGatewaySessions({
    mongoUri: options.mongoUri,
    usersDbName: options.usersDbName ?? DEFAULT_USERS_DB_NAME,
    security,
    logger: logger.child({ component: 'sessions' }),
  });
  const apiKeys = openGatewayApiKeys({
    db: sessions.db,
    logger: logger.child({ component: 'api-keys' }),
    ...(options.apiKeyRateLimit === undefined ? {} : { rateLimit: options.apiKeyRateLimit }),
  });

  const agent = createSubgraphAgent(timeouts);
  const fetcher = createUndiciFetcher(agent);
  const apolloLogger = logger.child({ component: 'apollo' });
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl ?? readFileSync(SUPERGRAPH_PATH, 'utf8'),
    logger: apolloLogger,
    buildService: ({ name }) => {
      const url = subgraphUrls[name as SubgraphName];
      if (url === undefined) throw new Error(`No URL configured for subgraph "${name}"`);
      return new SubgraphDataSource({ name, url, fetcher, logger, acceptsSessionHandoff: name === 'users' });
    },
  });

  let loaded = false;
  const apollo = new ApolloServer<CallerContext>({
    gateway,
    logger: apolloLogger,
    stopOnTerminationSignals: false,
    ...defenceOptions({ limits: resolveLimits(options.limits), production, logger }),
    plugins: [
      requestLogPlugin(logger),
      sessionResponsePlugin(sessions),
      // After the session plugin: sends `lg_vid` next to a session cookie (visitor.ts).
      visitorCookiePlugin(),
      personalScopePlugin(logger.child({ component: 'privacy' })),
      {
        async serverWillStart() {
          return {
            schemaDidLoadOrUpdate() {
              loaded = true;
            },
          };
        },
      },
    ],
  });

  try {
    await apollo.start();
    const listening = await listen({
      apollo,
      // Who is calling, resolved once per request from the API key or the session cookie and
      // signed once; headers the client sent (identity, session handoff) are never forwarded.
      // A request with an API key ignores any cookie: it gets no session, sets no cookie, and so
      // needs no Origin check (docs/decisions/0006-api-keys-for-integrators.md).
      context: async ({ req, res }): Promise<CallerContext> => {
        // A platform service's own signed assertion (the privacy subgraph running an export):
        // forwarded, re-signed for the hops, instead of any cookie; never a user's (service-caller.ts).
        const service = serviceCallerIdentity(req.headers, identityKey);
        if (service !== null) return { subgraphHeaders: { [IDENTITY_HEADER]: signAssertion(service, identityKey) } };
        const clientIp = clientIpOf(req, trustProxy);
        const presented = readApiKey(req.headers);
        if (presented.kind === 'malformed') throw invalidApiKey();
        if (presented.kind === 'key') {
          const { identity, caller } = await apiKeys.resolve(presented.secret, clientIp);
          return { subgraphHeaders: { [IDENTITY_HEADER]: signAssertion(identity, identityKey) }, caller };
        }
        checkOrigin(req, allowedOrigins);
        const resolved = await sessions.resolve(req.headers.cookie, clientIp);
        // A browser: its anonymous visitor id (`lg_vid`), GPC signal and user agent go to the subgraphs (visitor.ts).
        const visitor = resolveVisitor(req, security);
        const context: CallerContext = {
          subgraphHeaders: { ...visitor.headers, [IDENTITY_HEADER]: signAssertion(resolved.identity, identityKey) },
          session: { setCookie: resolved.setCookie, handoff: null },
        };
        rememberVisitorCookie(context, res, visitor);
        return context;
      },
      routes: [mediaRelay(subgraphUrls.users, agent), unsubscribeRelay(subgraphUrls.users, agent)],
      maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
      health: async () => {
        const [subgraphs, sessionsUp] = await Promise.all([
          checkSubgraphs(subgraphUrls, agent, timeouts.healthTimeoutMs),
          sessions.ping(),
        ]);
        return {
          ok: loaded && subgraphs.ok && sessionsUp,
          details: {
            schema: loaded ? 'loaded' : 'not loaded',
            sessions: sessionsUp ? 'ok' : 'unavailable',
            subgraphs: subgraphs.subgraphs,
          },
        };
      },
      port: options.port ?? 0,
      host: options.host ?? '127.0.0.1',
    });
    logger.info({ url: `${listening.url}/graphql`, production }, 'gateway listening');
    return {
      url: listening.url,
      port: listening.port,
      async stop() {
        await listening.stop();
        await agent.close();
        await sessions.close();
      },
    };
  } catch (error) {
    await apollo.stop().catch(() => {});
    await agent.close();
    await sessions.close();
    throw error;
  }
}

function definedOnly<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}
