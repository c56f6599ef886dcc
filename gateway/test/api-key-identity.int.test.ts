import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connectDatabase, parseObjectId, type MongoHandle } from '@leadgraph/db';
import { IDENTITY_HEADER } from '@leadgraph/identity';
import { createLogger } from '@leadgraph/logging';
import { graphql, startTestDatabase, uniqueDbName } from '@leadgraph/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type RunningGateway } from '../src/server.ts';

// What the gateway signs for an API key, seen by stand-in subgraphs: the owner's id and current
// role, no session, no authentication time, the key's known scopes, the client address.

const key = 'test-identity-key-with-at-least-32-chars';
const secret = `lg_${'k'.repeat(43)}`;
const hops: IncomingHttpHeaders[] = [];
let fake: Server;
let gateway: RunningGateway;
let mongo: MongoHandle;
const ownerId = parseObjectId('65f1c0ffee0000000000abcd')!;

beforeAll(async () => {
  fake = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.url?.endsWith('/health')) return void res.end('{}');
      hops.push(req.headers);
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ data: { privacyService: { service: 'privacy' } } }));
    });
  });
  await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
  mongo = await startTestDatabase();
  const usersDbName = uniqueDbName('gw_apikey');
  const db = await connectDatabase(mongo.uri, usersDbName);
  await db.collection('users').insertOne({ _id: ownerId, role: 'pro', disabledAt: null });
  await db.collection('api_keys').insertOne({
    secretHash: createHash('sha256').update(secret).digest('hex'),
    ownerId,
    scopes: ['statistics:read', 'admin:everything'],
    expiresAt: null,
    revokedAt: null,
    lastUsedAt: null,
  });
  await db.close();
  gateway = await startGateway({
    mongoUri: mongo.uri,
    usersDbName,
    subgraphs: { users: `${base}/users/graphql`, leads: `${base}/leads/graphql`, reviews: `${base}/reviews/graphql`, privacy: `${base}/privacy/graphql` },
    identityKey: key,
    logger: createLogger('gateway-test', { level: 'silent' }),
  });
});
afterAll(async () => {
  await gateway?.stop();
  fake?.closeAllConnections();
  await new Promise((resolve) => fake?.close(resolve));
  await mongo?.stop();
});

function payloadOf(token: string | string[] | undefined): Record<string, unknown> {
  const [payload, signature] = String(token).split('.');
  expect(createHmac('sha256', key).update(payload!).digest('base64url')).toBe(signature);
  return JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('the identity signed for an API key', () => {
  it('is the owner with the current role, no session, no authentication time and only known scopes', async () => {
    hops.length = 0;
    const { status, body } = await graphql(`${gateway.url}/graphql`, '{ privacyService { service } }', undefined, {
      authorization: `Bearer ${secret}`,
      cookie: 'sid=ignored-session-token',
    });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(hops).toHaveLength(1);
    expect(payloadOf(hops[0]![IDENTITY_HEADER])).toMatchObject({
      userId: ownerId.toHexString(),
      role: 'pro',
      sessionId: null,
      authenticatedAt: null,
      scopes: ['statistics:read'],
      clientIp: '127.0.0.1',
    });
  });
});
