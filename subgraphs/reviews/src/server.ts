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
  SUBGRAPH_PORTS,
  createServiceClient,
  readSubgraphSdl,
  serveSubgraph,
  type PeerUrl,
  type RunningSubgraph,
} from '@leadgraph/service-kit';
import { createContextFactory } from './context.ts';
import { createFormatError } from './errors.ts';
import type { Models } from './loaders.ts';
import { moderationAuditModel } from './models/moderation-audit.ts';
import { proRatingModel } from './models/pro-rating.ts';
import { reviewModel } from './models/review.ts';
import { resolvers } from './resolvers/index.ts';
import { personalDataRetentionJob } from './privacy/retention.ts';
import { leadParticipationFromPeer } from './services/lead-participation.ts';

export const SUBGRAPH_NAME = 'reviews';

/** This subgraph's SDL from the shared `schema/` directory, with the shared directive definitions. */
export const typeDefs = parse(readSubgraphSdl(new URL('../../../schema/reviews.graphql', import.meta.url)));

/**
 * The executable subgraph schema (also used by codegen to check this subgraph's test
 * operations): `@access` enforced (deny by default, startup fails on a root field without a
 * rule), then `@personal` fields masked for callers who may not see them (today every
 * personal field here is published, mask NONE, so nothing is masked).
 */
export function createSchema(options: { accessLog?: AccessLogSink } = {}) {
  const schema = applyAccessRules(buildSubgraphSchema({ typeDefs, resolvers: resolvers as GraphQLResolverMap<unknown> }));
  return applyPersonalData(schema, options.accessLog === undefined ? {} : { log: options.accessLog });
}

export type { RunningSubgraph };

/** The peers at their documented development ports (what `index.ts` reads from config otherwise). */
const defaultPeerUrl: PeerUrl = (peer) => `http://127.0.0.1:${SUBGRAPH_PORTS[peer]}/graphql`;

export interface StartSubgraphOptions {
  mongoUri: string;
  /** Default `leadgraph_reviews`. */
  dbName?: string;
  /** Default 0: any free port. */
  port?: number;
  host?: string;
  logger?: Logger;
  /** Key verifying the gateway's identity assertion; default IDENTITY_SIGNING_KEY or the dev key. */
  identitySigningKey?: string;
  /** Where the other subgraphs are, for service-to-service calls; default their documented ports. */
  peerUrl?: PeerUrl;
}

/** Connects to the database, builds the schema and serves it until `stop()`. */
export async function startSubgraph(options: StartSubgraphOptions): Promise<RunningSubgraph> {
  const logger = options.logger ?? createLogger(`subgraph-${SUBGRAPH_NAME}`);
  const signingKey =
    options.identitySigningKey ?? resolveSigningKey(process.env.IDENTITY_SIGNING_KEY, process.env.NODE_ENV);
  const connection = await connectDatabase(options.mongoUri, options.dbName ?? `leadgraph_${SUBGRAPH_NAME}`);
  let stopWorkers = async (): Promise<void> => {};
  try {
    const models: Models = {
      Review: reviewModel(connection),
      ProRating: proRatingModel(connection),
      ModerationAudit: moderationAuditModel(connection),
    };
    await Promise.all(Object.values(models).map((model) => model.init()));
    const peers = createServiceClient({
      self: SUBGRAPH_NAME,
      signingKey,
      peerUrl: options.peerUrl ?? defaultPeerUrl,
      logger,
    });
    const accessLog = createAccessLogWriter({
      store: mongoAccessLogStore(connection),
      onFlushError: (error) => logger.warn({ errorName: (error as Error).name }, 'access log flush failed'),
    });
    const retention = createScheduler({ db: connection, logger, jobs: [personalDataRetentionJob(connection)] });
    retention.start();
    stopWorkers = async () => {
      await retention.stop();
      await accessLog.stop();
    };
    return await serveSubgraph({
      name: SUBGRAPH_NAME,
      schema: createSchema({ accessLog }),
      connection,
      context: createContextFactory({ models, logger, signingKey, leads: leadParticipationFromPeer(peers) }),
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
