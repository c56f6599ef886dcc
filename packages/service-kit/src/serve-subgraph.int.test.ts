import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase, type MongoHandle } from '@leadgraph/db';
import { createLogger } from '@leadgraph/logging';
import { graphql, startTestDatabase, uniqueDbName } from '@leadgraph/testing';
import { createFormatError } from './format-error.ts';
import { serveSubgraph, type RunningSubgraph } from './serve-subgraph.ts';

let mongo: MongoHandle;
let subgraph: RunningSubgraph;
let closedWorker = false;

beforeAll(async () => {
  mongo = await startTestDatabase();
  const logger = createLogger('test', { level: 'silent' });
  const schema = buildSubgraphSchema({
    typeDefs: parse('type Query { answer: Int, broken: Int }'),
    resolvers: { Query: { answer: () => 42, broken: () => { throw new Error('secret detail'); } } },
  });
  subgraph = await serveSubgraph({
    name: 'toy',
    schema,
    connection: await connectDatabase(mongo.uri, uniqueDbName('kit')),
    context: async () => ({}),
    formatError: createFormatError(logger, () => null),
    logger,
    beforeClose: async () => {
      closedWorker = true;
    },
  });
});
afterAll(() => mongo.stop());

describe('serveSubgraph', () => {
  it('serves the schema and the federation _service field', async () => {
    const { body } = await graphql<{ answer: number; _service: { sdl: string } }>(
      `${subgraph.url}/graphql`,
      '{ answer _service { sdl } }',
    );
    expect(body.data?.answer).toBe(42);
    expect(body.data?._service.sdl).toContain('answer: Int');
  });

  it('hides an unexpected error and its message', async () => {
    const { body } = await graphql(`${subgraph.url}/graphql`, '{ broken }');
    expect(body.errors?.[0]).toMatchObject({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(JSON.stringify(body)).not.toContain('secret detail');
  });

  it('answers an invalid query with its validation code, not an internal error', async () => {
    const { status, body } = await graphql(`${subgraph.url}/graphql`, '{ nope }');
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('is healthy while the database answers, and stop() ends background work before closing', async () => {
    expect((await fetch(`${subgraph.url}/health`)).status).toBe(200);
    await subgraph.stop();
    expect(closedWorker).toBe(true);
    await expect(fetch(`${subgraph.url}/health`)).rejects.toThrow();
  });
});
