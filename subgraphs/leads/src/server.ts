import { readFileSync } from 'node:fs';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { parse } from 'graphql';
import { applyAccessRules } from '@leadgraph/authz';
import { connectDatabase, pingDatabase } from '@leadgraph/db';
import { listen } from '@leadgraph/http';
import { resolveSigningKey } from '@leadgraph/identity';
import { createLogger, type Logger } from '@leadgraph/logging';
import { createContextFactory, type Context } from './context.ts';
import { createFormatError } from './errors.ts';
import type { Models } from './loaders.ts';
import { leadModel } from './models/lead.ts';
import { resolvers } from './resolvers/index.ts';

export const SUBGRAPH_NAME = 'leads';

/** This subgraph's SDL, read from the shared `schema/` directory. */
export const typeDefs = parse(readFileSync(new URL('../../../schema/leads.graphql', import.meta.url), 'utf8'));

/** The executable subgraph schema (also used by codegen to check this subgraph's test operations). */
export function createSchema() {
  // Deny by default: every root field declares an `@access` rule (startup fails otherwise).
  return applyAccessRules(buildSubgraphSchema({ typeDefs, resolvers: resolvers as GraphQLResolverMap<unknown> }));
}

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
}

export interface RunningSubgraph {
  name: string;
  /** `http://127.0.0.1:PORT`: GraphQL at `${url}/graphql`, health at `${url}/health`. */
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** Connects to the database, builds the schema and serves it until `stop()`. */
export async function startSubgraph(options: StartSubgraphOptions): Promise<RunningSubgraph> {
  const logger = options.logger ?? createLogger(`subgraph-${SUBGRAPH_NAME}`);
  const signingKey =
    options.identitySigningKey ?? resolveSigningKey(process.env.IDENTITY_SIGNING_KEY, process.env.NODE_ENV);
  const connection = await connectDatabase(options.mongoUri, options.dbName ?? `leadgraph_${SUBGRAPH_NAME}`);
  try {
    const models: Models = { Lead: leadModel(connection) };
    await Promise.all(Object.values(models).map((model) => model.init()));
    const apollo = new ApolloServer<Context>({
      schema: createSchema(),
      formatError: createFormatError(logger),
      includeStacktraceInErrorResponses: false,
      logger,
      // index.ts owns SIGINT/SIGTERM: stop the HTTP server, then the database, then exit.
      stopOnTerminationSignals: false,
      // No Apollo Studio: federated traces would only cost time on every request.
      plugins: [ApolloServerPluginInlineTraceDisabled()],
    });
    await apollo.start();
    const listening = await listen({
      apollo,
      context: createContextFactory({ models, logger, signingKey }),
      health: async () => {
        const reachable = await pingDatabase(connection);
        return { ok: reachable, details: { database: reachable ? 'ok' : 'unreachable' } };
      },
      port: options.port ?? 0,
      ...(options.host === undefined ? {} : { host: options.host }),
    });
    return {
      name: SUBGRAPH_NAME,
      url: listening.url,
      port: listening.port,
      async stop() {
        await listening.stop();
        await connection.close();
      },
    };
  } catch (error) {
    await connection.close();
    throw error;
  }
}
