import type { Route } from '@leadgraph/http';
import type { Agent } from 'undici';

export interface RelayOptions {
  /** Path prefix on the gateway and on the subgraph, e.g. `/media/`. */
  prefix: string;
  /** The subgraph's GraphQL URL; the route is served from its origin. */
  subgraphGraphqlUrl: string;
  methods: readonly ('GET' | 'HEAD' | 'POST')[];
  /** Request headers passed on (besides the body's `content-type` on POST). */
  requestHeaders: readonly string[];
  /** Response headers passed back: what a cache and a browser need, nothing else. */
  responseHeaders: readonly string[];
}

/** Largest POST body relayed (a form post, a one-click unsubscribe). */
const MAX_POST_BYTES = 4096;

/**
 * A plain HTTP route of a subgraph, served by the gateway, the only public origin: the request
 * goes to the subgraph with the named headers only (no cookie, no identity: these routes are
 * public by design) and the answer comes back with the named headers. Used for the pros' images
 * (`/media/`) and the marketing mails' one-click unsubscribe links (`/unsubscribe/`).
 */
export function relayRoute(options: RelayOptions, agent: Agent): Route {
  const base = new URL(options.prefix, options.subgraphGraphqlUrl);
  return {
    prefix: options.prefix,
    methods: options.methods,
    async handle(req, res, rest) {
      const headers: Record<string, string> = {};
      for (const name of options.requestHeaders) {
        const value = req.headers[name];
        if (typeof value === 'string') headers[name] = value;
      }
      let body: Buffer | undefined;
      if (req.method === 'POST') {
        body = await readSmallBody(req);
        const type = req.headers['content-type'];
        if (typeof type === 'string') headers['content-type'] = type;
      }
      const upstream = await agent.request({
        origin: base.origin,
        path: `${base.pathname}${rest}`,
        method: (req.method ?? 'GET') as 'GET' | 'HEAD' | 'POST',
        headers,
        ...(body === undefined ? {} : { body }),
      });
      res.statusCode = upstream.statusCode;
      for (const name of options.responseHeaders) {
        const value = upstream.headers[name];
        if (value !== undefined) res.setHeader(name, value);
      }
      res.setHeader('x-content-type-options', 'nosniff');
      for await (const chunk of upstream.body) res.write(chunk);
      res.end();
    },
  };
}

function readSmallBody(req: import('node:http').IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_POST_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** `GET /media/<sha256>`: pros' logos and images from GridFS (immutable, ETag = content hash; 304 on If-None-Match). */
export function mediaRelay(usersGraphqlUrl: string, agent: Agent): Route {
  return relayRoute(
    {
      prefix: '/media/',
      subgraphGraphqlUrl: usersGraphqlUrl,
      methods: ['GET', 'HEAD'],
      requestHeaders: ['if-none-match'],
      responseHeaders: ['content-type', 'content-length', 'etag', 'cache-control', 'last-modified'],
    },
    agent,
  );
}

/** `/unsubscribe/<token>`: the confirmation page (GET) and the one-click unsubscribe (POST, RFC 8058) of marketing mails. */
export function unsubscribeRelay(usersGraphqlUrl: string, agent: Agent): Route {
  return relayRoute(
    {
      prefix: '/unsubscribe/',
      subgraphGraphqlUrl: usersGraphqlUrl,
      methods: ['GET', 'HEAD', 'POST'],
      requestHeaders: [],
      responseHeaders: ['content-type', 'content-length', 'cache-control', 'referrer-policy', 'content-security-policy'],
    },
    agent,
  );
}
