import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { IDENTITY_HEADER } from '@leadgraph/identity';
import { createLogger } from '@leadgraph/logging';
import type { MongoHandle } from '@leadgraph/db';
import { graphql, startTestDatabase, uniqueDbName } from '@leadgraph/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type RunningGateway } from '../src/server.ts';

// Stand-ins for two subgraphs that record what the gateway sends them.
const key = 'test-identity-key-with-at-least-32-chars';
const hops: { subgraph: string; headers: IncomingHttpHeaders }[] = [];
let fake: Server;
let gateway: RunningGateway;
let mongo: MongoHandle;

beforeAll(async () => {
  fake = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const subgraph = (req.url ?? '').split('/')[1]!;
      if (req.url?.endsWith('/health')) return void res.end('{}');
      hops.push({ subgraph, headers: req.headers });
      const data = subgraph === 'privacy' ? { privacyService: { service: 'privacy' } } : { users: { edges: [] } };
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ data }));
    });
  });
  await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
  mongo = await startTestDatabase();
  gateway = await startGateway({
    mongoUri: mongo.uri,
    usersDbName: uniqueDbName('gw_identity'),
    subgraphs: {
      users: `${base}/users/graphql`,
      leads: `${base}/leads/graphql`,
      reviews: `${base}/reviews/graphql`,
      privacy: `${base}/privacy/graphql`,
    },
    identityKey: key,
    logger: createLogger('gateway-test', { level: 'silent' }),
  });
});
afterAll(async () => {
  await gateway?.stop();
  fake.closeAllConnections();
  await new Promise((resolve) => fake.close(resolve));
  await mongo?.stop();
});

/** The payload of a token whose HMAC matches `key`, else undefined. */
function verified(token: string | string[] | undefined): Record<string, unknown> | undefined {
  if (typeof token !== 'string') return undefined;
  const [payload, signature] = token.split('.');
  if (!payload || createHmac('sha256', key).update(payload).digest('base64url') !== signature) return undefined;
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('identity assertion', () => {
  it('is signed once per request and sent on every hop, replacing anything the client sent', async () => {
    hops.length = 0;
    const forged = 'eyJ1c2VySWQiOiJhZG1pbiJ9.forged';
    const { status, body } = await graphql(
      `${gateway.url}/graphql`,
      '{ privacyService { service } users(first: 1) { edges { node { id } } } }',
      undefined,
      { [IDENTITY_HEADER]: forged },
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(hops.map((hop) => hop.subgraph).sort()).toEqual(['privacy', 'users']);
    const tokens = hops.map((hop) => hop.headers[IDENTITY_HEADER]);
    expect(tokens[0]).not.toBe(forged);
    expect(tokens[1]).toBe(tokens[0]);
    const payload = verified(tokens[0]);
    expect(payload).toMatchObject({ userId: null, role: null, scopes: [], clientIp: '127.0.0.1' });
    expect(payload?.exp).toBeGreaterThan(Date.now());
  });

  it('signs a fresh assertion for each request', async () => {
    hops.length = 0;
    await graphql(`${gateway.url}/graphql`, '{ privacyService { service } }');
    await new Promise((resolve) => setTimeout(resolve, 5));
    await graphql(`${gateway.url}/graphql`, '{ privacyService { service } }');
    const [first, second] = hops.map((hop) => verified(hop.headers[IDENTITY_HEADER]));
    expect(first).toBeDefined();
    expect(second?.exp).not.toBe(first?.exp);
  });
});
