import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLFormattedError, GraphQLSchema } from 'graphql';
import type { Connection } from 'mongoose';
import { pingDatabase } from '@leadgraph/db';
import { listen, type Listening, type Route } from '@leadgraph/http';
import type { Logger } from '@leadgraph/logging';

export interface RunningSubgraph {
  name: string;
  /** `http://127.0.0.1:PORT`: GraphQL at `${url}/graphql`, health at `${url}/health`. */
  url: string;
  port: number;
  stop(): Promise<void>;
}

export interface ServeSubgraphOptions<TContext extends BaseContext> {
  name: string;
  schema: GraphQLSchema;
  /** The subgraph's database; its ping decides `/health`, and `stop()` closes it. */
  connection: Connection;
  /** Per-request context; `res` lets a resolver set a response header for the gateway. */
  context: (request: { req: IncomingMessage; res: ServerResponse }) => Promise<TContext>;
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  logger: Logger;
  port?: number;
  host?: string;
  /** Work to stop before the connection closes (background workers). */
  beforeClose?: () => Promise<void>;
  /** Plain GET/HEAD routes beside GraphQL (the users subgraph's `/media/`). */
  routes?: readonly Route[];
  /** Largest request body; default `listen`'s (1 MB). The users subgraph raises it for base64 uploads. */
  maxBodyBytes?: number;
}

/**
 * Serves a subgraph schema over HTTP with the platform's defaults: no stack traces, no inline
 * traces, the database ping as health; `stop()` closes HTTP, then background work, then the
 * database connection.
 */
export async function serveSubgraph<TContext extends BaseContext>(
  options: ServeSubgraphOptions<TContext>,
): Promise<RunningSubgraph> {
  const apollo = new ApolloServer<TContext>({
    schema: options.schema,
    formatError: options.formatError,
    includeStacktraceInErrorResponses: false,
    logger: options.logger,
    // The service's entry point owns SIGINT/SIGTERM: HTTP first, then the database, then exit.
    stopOnTerminationSignals: false,
    // No Apollo Studio: federated traces would only cost time on every request.
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  await apollo.start();
  let listening: Listening;
  try {
    listening = await listen({
      apollo,
      context: options.context,
      health: async () => {
        const reachable = await pingDatabase(options.connection);
        return { ok: reachable, details: { database: reachable ? 'ok' : 'unreachable' } };
      },
      port: options.port ?? 0,
      ...(options.host === undefined ? {} : { host: options.host }),
      ...(options.routes === undefined ? {} : { routes: options.routes }),
      ...(options.maxBodyBytes === undefined ? {} : { maxBodyBytes: options.maxBodyBytes }),
    });
  } catch (error) {
    await apollo.stop();
    throw error;
  }
  return {
    name: options.name,
    url: listening.url,
    port: listening.port,
    async stop() {
      await listening.stop();
      await options.beforeClose?.();
      await options.connection.close();
    },
  };
}
