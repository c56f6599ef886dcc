import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { parse } from 'graphql';
import { applyAccessRules } from '@leadgraph/authz';
import { createScheduler } from '@leadgraph/scheduler';
import { connectDatabase } from '@leadgraph/db';
import { resolveSigningKey } from '@leadgraph/identity';
import { createLogger, type Logger } from '@leadgraph/logging';
import { applyPersonalData, createAccessLogWriter, mongoAccessLogStore, type AccessLogSink } from '@leadgraph/privacy-kit';
import {
  createServiceClient,
  readSubgraphSdl,
  serveSubgraph,
  SUBGRAPH_PORTS,
  type PeerUrl,
  type RunningSubgraph,
} from '@leadgraph/service-kit';
import { createContextFactory } from './context.ts';
import { createFormatError } from './errors.ts';
import type { Models } from './loaders.ts';
import { disputeModel } from './models/dispute.ts';
import { leadModel } from './models/lead.ts';
import { messageModel } from './models/message.ts';
import { pendingNotificationModel } from './models/pending-notification.ts';
import { responseModel } from './models/response.ts';
import { createNotifier } from './notifications/notifier.ts';
import { leadsJobs } from './jobs.ts';
import { personalDataRetentionJob } from './privacy/retention.ts';
import { reviewsPeer } from './peers/reviews-client.ts';
import { usersPeer } from './peers/users-client.ts';
import { resolvers } from './resolvers/index.ts';

export const SUBGRAPH_NAME = 'leads';

/** This subgraph's SDL from the shared `schema/` directory, with the shared directive definitions. */
export const typeDefs = parse(readSubgraphSdl(new URL('../../../schema/leads.graphql', import.meta.url)));

/**
 * The executable subgraph schema (also used by codegen to check this subgraph's test
 * operations): `@access` enforced (deny by default, startup fails on a root field without a
 * rule), then `@personal` fields masked for callers who may not see them.
 */
export function createSchema(options: { accessLog?: AccessLogSink } = {}) {
  const schema = applyAccessRules(buildSubgraphSchema({ typeDefs, resolvers: resolvers as GraphQLResolverMap<unknown> }));
  return applyPersonalData(schema, options.accessLog === undefined ? {} : { log: options.accessLog });
}

export type { RunningSubgraph };

export interface StartSubgraphOptions {
  mongoUri: string;
  /** Default `leadgraph_leads`. */
  dbName?: string;
  /** Default 0: any free port. */
  port?: number;
  host?: string;
  logger?: Logger;
  /** Key verifying the gateway's identity assertion; default IDENTITY_SIGNING_KEY or the dev key. */
  identitySigningKey?: string;
  /** Where the other subgraphs are, for service-to-service calls; default their documented ports. */
  peerUrl?: PeerUrl;
  /** Most responses one lead takes; default 5 (index.ts passes MAX_RESPONSES_PER_LEAD). */
  maxResponsesPerLead?: number;
  /** How often expired leads are swept; default 60 s. */
  expirySweepMs?: number;
  /** How often undelivered service mails are retried; default 15 s. */
  notificationRetryMs?: number;
  /** Partner statistics: fewest distinct people a reported group has; default 10 (STATISTICS_MIN_GROUP_SIZE). */
  statisticsMinGroupSize?: number;
  /** How often the scheduler looks for due jobs; default the shorter interval above. `false`: never (tests that count operations). */
  schedulerPollMs?: number | false;
}

const defaultPeerUrl: PeerUrl = (peer) => `http://127.0.0.1:${SUBGRAPH_PORTS[peer]}/graphql`;

/** Connects to the database, builds the schema and serves it until `stop()`. */
export async function startSubgraph(options: StartSubgraphOptions): Promise<RunningSubgraph> {
  const logger = options.logger ?? createLogger(`subgraph-${SUBGRAPH_NAME}`);
  const signingKey =
    options.identitySigningKey ?? resolveSigningKey(process.env.IDENTITY_SIGNING_KEY, process.env.NODE_ENV);
  const connection = await connectDatabase(options.mongoUri, options.dbName ?? `leadgraph_${SUBGRAPH_NAME}`);
  let stopWorkers = async (): Promise<void> => {};
  try {
    const models: Models = {
      Lead: leadModel(connection),
      Response: responseModel(connection),
      Message: messageModel(connection),
      PendingNotification: pendingNotificationModel(connection),
      Dispute: disputeModel(connection),
    };
    await Promise.all(Object.values(models).map((model) => model.init()));
    const peers = createServiceClient({ self: SUBGRAPH_NAME, signingKey, peerUrl: options.peerUrl ?? defaultPeerUrl, logger });
    const users = usersPeer(peers);
    const notifier = createNotifier({ model: models.PendingNotification, users, logger });
    const accessLog = createAccessLogWriter({
      store: mongoAccessLogStore(connection),
      onFlushError: (error) => logger.warn({ errorName: (error as Error).name }, 'access log flush failed'),
    });
    const expirySweepMs = options.expirySweepMs ?? 60_000;
    const notificationRetryMs = options.notificationRetryMs ?? 15_000;
    const scheduler = createScheduler({
      db: connection,
      logger: logger.child({ component: 'scheduler' }),
      jobs: [...leadsJobs({ models, notifier, expirySweepMs, notificationRetryMs }), personalDataRetentionJob(connection)],
      pollIntervalMs: options.schedulerPollMs || Math.min(expirySweepMs, notificationRetryMs),
    });
    if (options.schedulerPollMs !== false) scheduler.start();
    stopWorkers = async () => {
      await scheduler.stop();
      await accessLog.stop();
    };
    return await serveSubgraph({
      name: SUBGRAPH_NAME,
      schema: createSchema({ accessLog }),
      connection,
      context: createContextFactory({
        models,
        logger,
        signingKey,
        deps: {
          users,
          notifier,
          maxResponsesPerLead: options.maxResponsesPerLead ?? 5,
          reviews: reviewsPeer(peers),
          statisticsMinGroupSize: options.statisticsMinGroupSize ?? 10,
        },
      }),
      formatError: createFormatError(logger),
      logger,
      port: options.port ?? 0,
      ...(options.host === undefined ? {} : { host: options.host }),
      beforeClose: stopWorkers,
    });
  } catch (error) {
    await stopWorkers();
    await connection.close();
    throw error;
  }
}
