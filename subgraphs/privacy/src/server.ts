import { readFileSync } from 'node:fs';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { parse } from 'graphql';
import { applyAccessRules } from '@leadgraph/authz';
import { connectDatabase, pingDatabase } from '@leadgraph/db';
import { resolveSigningKey } from '@leadgraph/identity';
import { createLogger, type Logger } from '@leadgraph/logging';
import { applyPersonalData, createAccessLogWriter, mongoAccessLogStore, type AccessLogSink } from '@leadgraph/privacy-kit';
import { createScheduler, systemClock, type Clock } from '@leadgraph/scheduler';
import {
  createServiceClient,
  readSubgraphSdl,
  serveSubgraph,
  SUBGRAPH_PORTS,
  type PeerUrl,
  type RunningSubgraph,
} from '@leadgraph/service-kit';
import { createContextFactory } from './context.ts';
import type { PrivacyDeps } from './deps.ts';
import { createFormatError } from './errors.ts';
import { createModels } from './loaders.ts';
import { resolvers } from './resolvers/index.ts';
import { ensureSeedPolicies } from './seed/policies.ts';
import { ensureSeedProcessors } from './seed/processors.ts';
import { serviceMessageNotifier } from './services/dsr-notify.ts';
import { serviceErasurePeers } from './services/erasure-peers.ts';
import { gridFsArchiveStore } from './services/export-archive-store.ts';
import { createExportRunner } from './services/export-runner.ts';
import { exportKeyFrom } from './services/export-token.ts';
import { collectionsFromBuildRecord } from './services/record-of-processing.ts';
import { retentionJobs } from './services/retention.ts';
import { personalDataRetentionJob } from './privacy/retention.ts';

export const SUBGRAPH_NAME = 'privacy';

/** The composed supergraph (`pnpm compose`): the data export's query is generated from it. */
export const SUPERGRAPH_PATH = new URL('../../../schema/supergraph.graphql', import.meta.url);

/** This subgraph's SDL from the shared `schema/` directory, with the shared directive definitions. */
export const typeDefs = parse(readSubgraphSdl(new URL('../../../schema/privacy.graphql', import.meta.url)));

/**
 * The executable subgraph schema (also used by codegen to check this subgraph's test
 * operations): `@access` enforced (deny by default), then `@personal` fields masked for
 * callers who may not see them.
 */
export function createSchema(options: { accessLog?: AccessLogSink } = {}) {
  const schema = applyAccessRules(buildSubgraphSchema({ typeDefs, resolvers: resolvers as GraphQLResolverMap<unknown> }));
  return applyPersonalData(schema, options.accessLog === undefined ? {} : { log: options.accessLog });
}

export type { RunningSubgraph };

export interface StartSubgraphOptions {
  mongoUri: string;
  /** Default `leadgraph_privacy`. */
  dbName?: string;
  /** Default 0: any free port. */
  port?: number;
  host?: string;
  logger?: Logger;
  /** Key verifying the gateway's identity assertion; default IDENTITY_SIGNING_KEY or the dev key. */
  identitySigningKey?: string;
  /** Where the other subgraphs are, for service-to-service calls; default their documented ports. */
  peerUrl?: PeerUrl;
  /** How recent a sign-in must be to verify a requester's identity; default 10 (index.ts passes REAUTH_MINUTES). */
  recentAuthMinutes?: number;
  /** Where "now" comes from (deadlines, retention); tests pass `manualClock()`. Default the wall clock. */
  clock?: Clock;
  /** Retention scheduler polling (real time); default 30 s. `false`: no polling (tests tick with `runDueJobs`). */
  schedulerPollMs?: number | false;
  /** The gateway's GraphQL endpoint for the data export (`GATEWAY_URL`); a function when known only later (tests). */
  gatewayUrl?: string | (() => string);
  /** The supergraph the export is generated from; default `schema/supergraph.graphql`. */
  supergraphSdl?: string;
  /** Timeout of the erasure and scan calls to each subgraph (ms); default 60 s. */
  erasureTimeoutMs?: number;
}

export interface RunningPrivacySubgraph extends RunningSubgraph {
  /** Runs the retention jobs due now by the clock (what the poller does): for tests and operations. */
  runDueJobs(): Promise<{ runs: Array<{ job: string; outcome: string; removed: Record<string, number> }> }>;
}

const defaultPeerUrl: PeerUrl = (peer) => `http://127.0.0.1:${SUBGRAPH_PORTS[peer]}/graphql`;

/** Connects to the database, builds the schema, seeds the policies and processors, starts retention, and serves until `stop()`. */
export async function startSubgraph(options: StartSubgraphOptions): Promise<RunningPrivacySubgraph> {
  const logger = options.logger ?? createLogger(`subgraph-${SUBGRAPH_NAME}`);
  const signingKey =
    options.identitySigningKey ?? resolveSigningKey(process.env.IDENTITY_SIGNING_KEY, process.env.NODE_ENV);
  const clock = options.clock ?? systemClock;
  const connection = await connectDatabase(options.mongoUri, options.dbName ?? `leadgraph_${SUBGRAPH_NAME}`);
  const accessLog = createAccessLogWriter({
    store: mongoAccessLogStore(connection),
    onFlushError: (error) => logger.warn({ error: (error as Error).name }, 'access log flush failed'),
  });
  try {
    const models = createModels(connection);
    await Promise.all(Object.values(models).map((model) => model.init()));
    await Promise.all([ensureSeedPolicies(models.PolicyVersion), ensureSeedProcessors(models.Processor)]);
    const client = createServiceClient({ self: 'privacy', signingKey, peerUrl: options.peerUrl ?? defaultPeerUrl, logger });
    const gatewayUrl = options.gatewayUrl ?? 'http://127.0.0.1:4000/graphql';
    let supergraph = options.supergraphSdl;
    const supergraphSdl = () => (supergraph ??= readFileSync(SUPERGRAPH_PATH, 'utf8'));
    const peerUrl = options.peerUrl ?? defaultPeerUrl;
    const erasureClient = createServiceClient({ self: 'privacy', signingKey, peerUrl, logger, timeoutMs: options.erasureTimeoutMs ?? 60_000 });
    const archives = gridFsArchiveStore(connection);
    const deps: PrivacyDeps = {
      models,
      clock: () => clock.now(),
      recentAuthMinutes: options.recentAuthMinutes ?? 10,
      exportKey: exportKeyFrom(signingKey),
      notify: serviceMessageNotifier(client, logger),
      exporter: createExportRunner({
        gatewayUrl: typeof gatewayUrl === 'string' ? () => gatewayUrl : gatewayUrl,
        supergraphSdl,
        signingKey,
        logger,
      }),
      archives,
      erasurePeers: serviceErasurePeers(erasureClient),
      supergraphSdl,
      collectionsByField: collectionsFromBuildRecord(),
    };
    const pollMs = options.schedulerPollMs ?? 30_000;
    const scheduler = createScheduler({
      db: connection,
      clock,
      logger: logger.child({ component: 'scheduler' }),
      jobs: [personalDataRetentionJob(connection), ...retentionJobs(models, archives)],
      ...(pollMs === false ? {} : { pollIntervalMs: pollMs }),
    });
    if (pollMs !== false) scheduler.start();
    const running = await serveSubgraph({
      name: SUBGRAPH_NAME,
      schema: createSchema({ accessLog }),
      connection,
      context: createContextFactory({ deps, scheduler, logger, signingKey, databaseReachable: () => pingDatabase(connection) }),
      formatError: createFormatError(logger),
      logger,
      port: options.port ?? 0,
      ...(options.host === undefined ? {} : { host: options.host }),
      beforeClose: async () => {
        await scheduler.stop();
        await accessLog.stop();
      },
    });
    return { ...running, runDueJobs: () => scheduler.runDueJobs() };
  } catch (error) {
    await accessLog.stop().catch(() => {});
    await connection.close();
    throw error;
  }
}
