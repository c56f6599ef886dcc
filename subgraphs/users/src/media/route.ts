import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Route } from '@leadgraph/http';
import type { ProImageModel, ProImageRecord } from '../models/pro-image.ts';
import { readFile, type MediaBucket } from './store.ts';

const SHA256 = /^[0-9a-f]{64}$/;

/** Whether `If-None-Match` names this ETag (or `*`); weak validators compare equal, as RFC 9110 says for GET. */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === etag || t === `W/${etag}`;
  });
}

function notFound(res: ServerResponse): void {
  res.statusCode = 404;
  res.setHeader('content-type', 'text/plain; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.end('Not found');
}

/**
 * `GET /media/<sha256>`: an image's bytes by content hash. The hash is the ETag and the URL
 * never changes meaning, so responses are cacheable for a year (`immutable`); a matching
 * `If-None-Match` gets 304. Unknown or removed hashes, and anything that is not a hash, are 404.
 */
export function mediaRoute(deps: { ProImage: ProImageModel; bucket: MediaBucket }): Route {
  return {
    prefix: '/media/',
    async handle(req: IncomingMessage, res: ServerResponse, rest: string) {
      if (!SHA256.test(rest)) return notFound(res);
      const image = await deps.ProImage.findOne({ sha256: rest }, { _id: 1, contentType: 1, byteSize: 1 }).lean<Pick<ProImageRecord, '_id' | 'contentType' | 'byteSize'>>();
      if (image === null) return notFound(res);
      const etag = `"${rest}"`;
      res.setHeader('etag', etag);
      res.setHeader('cache-control', 'public, max-age=31536000, immutable');
      res.setHeader('x-content-type-options', 'nosniff');
      if (matches(req.headers['if-none-match'], etag)) {
        res.statusCode = 304;
        res.end();
        return;
      }
      const bytes = await readFile(deps.bucket, image._id);
      if (bytes === null) {
        res.removeHeader('etag');
        return notFound(res);
      }
      res.statusCode = 200;
      res.setHeader('content-type', image.contentType);
      res.setHeader('content-length', bytes.length);
      res.end(req.method === 'HEAD' ? undefined : bytes);
    },
  };
}
