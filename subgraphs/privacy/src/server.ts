import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { parse } from 'graphql';
import { applyAccessRules } from '@leadgraph/authz';
import { connectDatabase, pingDatabase } from '@leadgraph/db';
import { resolveSigningKey } from '@leadgraph/identity';
import { createLogger, type Logger } from '@leadgraph/logging';
import { readSubgraphSdl, serveSubgraph, type PeerUrl, type RunningSubgraph } from '@leadgraph/service-kit';
import { createContextFactory } from './context.ts';
import { createFormatError } from './errors.ts';
import type { Models } from './loaders.ts';
import { dataSubjectRequestModel } from './models/data-subject-request.ts';
import { resolvers } from './resolvers/index.ts';

export const SUBGRAPH_NAME = 'privacy';

/** This subgraph's SDL from the shared `schema/` directory, with the shared directive definitions. */
export const typeDefs = parse(readSubgraphSdl(new URL('../../../schema/privacy.graphql', import.meta.url)));

/** The executable subgraph schema (also used by codegen to check this subgraph's test operations). */
export function createSchema() {
  // Deny by default: every root field declares an `@access` rule (startup fails otherwise).
  return applyAccessRules(buildSubgraphSchema({ typeDefs, resolvers: resolvers as GraphQLResolverMap<unknown> }));
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
}

/** Connects to the database, builds the schema and serves it until `stop()`. */
export async function startSubgraph(options: StartSubgraphOptions): Promise<RunningSubgraph> {
  const logger = options.logger ?? createLogger(`subgraph-${SUBGRAPH_NAME}`);
  const signingKey =
    options.identitySigningKey ?? resolveSigningKey(process.env.IDENTITY_SIGNING_KEY, process.env.NODE_ENV);
  const connection = await connectDatabase(options.mongoUri, options.dbName ?? `leadgraph_${SUBGRAPH_NAME}`);
  try {
    const models: Models = { DataSubjectRequest: dataSubjectRequestModel(connection) };
    await Promise.all(Object.values(models).map((model) => model.init()));
    return await serveSubgraph({
      name: SUBGRAPH_NAME,
      schema: createSchema(),
      connection,
      context: createContextFactory({ models, logger, signingKey, databaseReachable: () => pingDatabase(connection) }),
      formatError: createFormatError(logger),
      logger,
      port: options.port ?? 0,
      ...(options.host === undefined ? {} : { host: options.host }),
    });
  } catch (error) {
    await connection.close();
    throw error;
  }
}
