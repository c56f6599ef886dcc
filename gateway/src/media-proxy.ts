import type { Route } from '@leadgraph/http';
import type { Agent } from 'undici';

/** Response headers passed through from the users subgraph: what a cache and a browser need, nothing else. */
const PASSED_HEADERS = ['content-type', 'content-length', 'etag', 'cache-control', 'last-modified'] as const;

/**
 * `GET /media/<sha256>` on the gateway: pros' logos and images, served by the users subgraph
 * from GridFS. The gateway is the only public origin, so it relays the bytes with the
 * subgraph's cache headers (immutable, ETag = content hash) and lets `If-None-Match` through for
 * 304s. No identity is sent: the images are public by design (a pro's published profile).
 */
export function mediaProxyRoute(usersGraphqlUrl: string, agent: Agent): Route {
  const base = new URL('/media/', usersGraphqlUrl);
  return {
    prefix: '/media/',
    async handle(req, res, rest) {
      const ifNoneMatch = req.headers['if-none-match'];
      const upstream = await agent.request({
        origin: base.origin,
        path: `${base.pathname}${rest}`,
        method: req.method === 'HEAD' ? 'HEAD' : 'GET',
        headers: ifNoneMatch === undefined ? {} : { 'if-none-match': ifNoneMatch },
      });
      res.statusCode = upstream.statusCode;
      for (const name of PASSED_HEADERS) {
        const value = upstream.headers[name];
        if (value !== undefined) res.setHeader(name, value);
      }
      res.setHeader('x-content-type-options', 'nosniff');
      for await (const chunk of upstream.body) res.write(chunk);
      res.end();
    },
  };
}
