import { buildSubgraphSchema } from '@apollo/subgraph';
import { GraphQLError, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase, type MongoHandle } from '@leadgraph/db';
import { identityFromHeaders, type Identity } from '@leadgraph/identity';
import { createLogger } from '@leadgraph/logging';
import { startTestDatabase, uniqueDbName } from '@leadgraph/testing';
import { createFormatError } from './format-error.ts';
import { createServiceClient, type SubgraphName } from './peers.ts';
import { serveSubgraph, type RunningSubgraph } from './serve-subgraph.ts';

const key = 's'.repeat(32);
let mongo: MongoHandle;
let peer: RunningSubgraph;

beforeAll(async () => {
  mongo = await startTestDatabase();
  const logger = createLogger('test', { level: 'silent' });
  const schema = buildSubgraphSchema({
    typeDefs: parse('type Query { whoAmI: String, echo(text: String!): String, broken: Int }'),
    resolvers: {
      Query: {
        whoAmI: (_: unknown, __: unknown, ctx: unknown) => {
          const { identity } = ctx as { identity: Identity };
          return `${identity.role}:${identity.scopes.join(',')}`;
        },
        echo: (_: unknown, args: { text: string }) => args.text,
        broken: () => {
          throw new GraphQLError('contains jane@example.com', { extensions: { code: 'BAD_USER_INPUT' } });
        },
      },
    },
  });
  peer = await serveSubgraph({
    name: 'peer',
    schema,
    connection: await connectDatabase(mongo.uri, uniqueDbName('peer')),
    context: async ({ req }) => ({ identity: identityFromHeaders(req.headers, key) }),
    formatError: createFormatError(logger, () => null),
    logger,
  });
});
afterAll(async () => {
  await peer.stop();
  await mongo.stop();
});

const peerUrl = (name: SubgraphName) => (name === 'users' ? `${peer.url}/graphql` : 'http://127.0.0.1:1/graphql');

describe('createServiceClient', () => {
  it('calls the peer with a signed service identity and passes variables', async () => {
    const client = createServiceClient({ self: 'leads', signingKey: key, peerUrl });
    await expect(client.query('users', '{ whoAmI }')).resolves.toEqual({ whoAmI: 'service:service:leads' });
    await expect(client.query('users', 'query ($t: String!) { echo(text: $t) }', { t: 'hi' })).resolves.toEqual({ echo: 'hi' });
  });

  it('turns errors and unreachable peers into SERVICE_UNAVAILABLE, logging codes only', async () => {
    const lines: string[] = [];
    const logger = createLogger('test', { level: 'info', destination: { write: (line: string) => lines.push(line) } });
    const client = createServiceClient({ self: 'leads', signingKey: key, peerUrl, logger, timeoutMs: 1000 });
    await expect(client.query('users', '{ broken }')).rejects.toMatchObject({ extensions: { code: 'SERVICE_UNAVAILABLE', service: 'users' } });
    await expect(client.query('reviews', '{ whoAmI }')).rejects.toMatchObject({ extensions: { code: 'SERVICE_UNAVAILABLE', service: 'reviews' } });
    expect(lines.join('\n')).toContain('BAD_USER_INPUT');
    expect(lines.join('\n')).not.toContain('jane@example.com');
  });
});
