import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';

/** What `/health` reports: `ok` decides 200 or 503; `details` says which part is not ready. */
export interface Health {
  ok: boolean;
  details?: Record<string, unknown>;
}

export interface ListenOptions<TContext extends BaseContext> {
  /** A started ApolloServer (`await server.start()` done by the caller). */
  apollo: ApolloServer<TContext>;
  context: (request: { req: IncomingMessage; res: ServerResponse }) => Promise<TContext>;
  health: () => Promise<Health>;
  port?: number;
  host?: string;
  /** Largest accepted request body in bytes; larger ones get 413. */
  maxBodyBytes?: number;
  /** Extra GET/HEAD routes by path prefix (e.g. `/media/`), checked after `/health` and `/graphql`. */
  routes?: readonly Route[];
}

/**
 * A plain HTTP route beside GraphQL, for what GraphQL serves badly (image bytes, a one-click
 * unsubscribe link). Only its `methods` reach `handle` (others get 405); the handler writes the
 * whole response. A throw becomes a 500 with no details, as for every other route.
 */
export interface Route {
  /** Path prefix starting and ending with `/`, e.g. `/media/`. */
  prefix: string;
  /** The methods it answers; default GET and HEAD. */
  methods?: readonly string[];
  /** `rest` is the path after the prefix, still percent-encoded; the query string is not included. */
  handle: (req: IncomingMessage, res: ServerResponse, rest: string) => Promise<void>;
}

const DEFAULT_ROUTE_METHODS: readonly string[] = ['GET', 'HEAD'];

export interface Listening {
  /** `http://host:port`; GraphQL is served at `${url}/graphql`, health at `${url}/health`. */
  url: string;
  port: number;
  stop(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        // Keep reading (and dropping) the rest so the 413 reaches the client.
        reject(new HttpError(413, 'PAYLOAD_TOO_LARGE', `Request body larger than ${limit} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function parseBody(req: IncomingMessage, limit: number): Promise<unknown> {
  if (req.method !== 'POST') return undefined;
  const text = await readBody(req, limit);
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'BAD_REQUEST', 'Request body is not valid JSON');
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}

function toHeaderMap(req: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

async function serveGraphQL<TContext extends BaseContext>(
  options: ListenOptions<TContext>,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const search = (req.url ?? "").split("?", 2)[1] ?? "";
  const body = await parseBody(req, options.maxBodyBytes ?? 1_000_000);
  const response = await options.apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: req.method ?? 'GET', headers: toHeaderMap(req), search, body },
    context: () => options.context({ req, res }),
  });
  for (const [key, value] of response.headers) res.setHeader(key, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') {
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

/**
 * Serves an ApolloServer over plain node:http with `/graphql` and `/health`, without a
 * web framework. Bad requests get a GraphQL-shaped error with `extensions.code`.
 */
export async function listen<TContext extends BaseContext>(
  options: ListenOptions<TContext>,
): Promise<Listening> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?', 1)[0];
    const handle = async () => {
      if (path === '/health' && (req.method === 'GET' || req.method === 'HEAD')) {
        const health = await options.health().catch(() => ({ ok: false }) as Health);
        sendJson(res, health.ok ? 200 : 503, { status: health.ok ? 'ok' : 'unavailable', ...health.details });
        return;
      }
      if (path === '/graphql') return serveGraphQL(options, req, res);
      const route = options.routes?.find((r) => path?.startsWith(r.prefix));
      if (route !== undefined && path !== undefined) {
        const methods = route.methods ?? DEFAULT_ROUTE_METHODS;
        if (!methods.includes(req.method ?? '')) {
          res.setHeader('allow', methods.join(', '));
          throw new HttpError(405, 'METHOD_NOT_ALLOWED', 'Method not allowed');
        }
        return route.handle(req, res, path.slice(route.prefix.length));
      }
      throw new HttpError(404, 'NOT_FOUND', 'Not found');
    };
    handle().catch((error: unknown) => {
      const known = error instanceof HttpError;
      if (res.headersSent) return void res.destroy();
      if (known && error.status === 413) res.setHeader('connection', 'close');
      sendJson(res, known ? error.status : 500, {
        errors: [
          {
            message: known ? error.message : 'Internal server error',
            extensions: { code: known ? error.code : 'INTERNAL_SERVER_ERROR' },
          },
        ],
      });
    });
  });
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.requestTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port, address } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}`,
    port,
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 2_000).unref();
      });
      await options.apollo.stop();
    },
  };
}
