import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLFormattedError, GraphQLSchema } from 'graphql';
import type { Connection } from 'mongoose';
import { pingDatabase } from '@leadgraph/db';
import { listen, type Route } from '@leadgraph/http';
import type { Logger } from '@leadgraph/logging';
import type { RunningSubgraph } from '@leadgraph/service-kit';
import type { Context } from './context.ts';

/**
 * `serveSubgraph` from `@leadgraph/service-kit` with two things it does not pass on yet: extra
 * HTTP routes (`/media/*`) and a larger body limit (base64 image uploads). Same defaults
 * otherwise: no stack traces, no inline traces, the database ping as health; `stop()` closes
 * HTTP, then background work, then the connection. (Reported to the lead: once the kit takes
 * `routes` and `maxBodyBytes`, this file goes.)
 */
export async function serveUsersSubgraph(options: {
  name: string;
  schema: GraphQLSchema;
  connection: Connection;
  context: (request: { req: IncomingMessage; res: ServerResponse }) => Promise<Context>;
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  logger: Logger;
  port: number;
  host?: string;
  routes: readonly Route[];
  maxBodyBytes: number;
  beforeClose: () => Promise<void>;
}): Promise<RunningSubgraph> {
  const apollo = new ApolloServer<Context>({
    schema: options.schema,
    formatError: options.formatError,
    includeStacktraceInErrorResponses: false,
    logger: options.logger,
    stopOnTerminationSignals: false,
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  await apollo.start();
  const listening = await listen({
    apollo,
    context: options.context,
    health: async () => {
      const reachable = await pingDatabase(options.connection);
      return { ok: reachable, details: { database: reachable ? 'ok' : 'unreachable' } };
    },
    port: options.port,
    ...(options.host === undefined ? {} : { host: options.host }),
    routes: options.routes,
    maxBodyBytes: options.maxBodyBytes,
  }).catch(async (error: unknown) => {
    await apollo.stop();
    throw error;
  });
  return {
    name: options.name,
    url: listening.url,
    port: listening.port,
    async stop() {
      await listening.stop();
      await options.beforeClose();
      await options.connection.close();
    },
  };
}
