import type { IncomingMessage } from 'node:http';

/**
 * The caller's address: the socket's remote address, or — when the gateway runs behind
 * `trustedProxies` reverse proxies (`TRUST_PROXY`) — the address the outermost trusted proxy
 * saw, i.e. the entry that many places from the right of `X-Forwarded-For`. Entries further
 * left were written by the client and can say anything, so they are never used. Without
 * `TRUST_PROXY` the header is ignored: anyone could send it. IPv4-mapped IPv6 addresses
 * (`::ffff:1.2.3.4`) are given as IPv4. Null when unknown. Personal data: never logged.
 */
export function clientIpOf(req: IncomingMessage, trustedProxies: number): string | null {
  const socketIp = req.socket.remoteAddress ?? null;
  if (trustedProxies <= 0) return normalize(socketIp);
  const header = req.headers['x-forwarded-for'];
  const raw = Array.isArray(header) ? header.join(',') : header;
  const hops = (raw ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  const forwarded = hops[hops.length - trustedProxies];
  return normalize(forwarded ?? socketIp);
}

function normalize(ip: string | null): string | null {
  if (ip === null || ip.length > 64) return null;
  return ip.startsWith('::ffff:') && ip.includes('.') ? ip.slice('::ffff:'.length) : ip;
}
