import { DEV_IDENTITY_SIGNING_KEY } from '@leadgraph/identity';
import { graphql } from '@leadgraph/testing';
import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../src/server.ts';
import { startPlatform, type Platform } from './platform.ts';

let platform: Platform;
let production: RunningGateway;

beforeAll(async () => {
  platform = await startPlatform();
  // Production mode requires an explicit key; the subgraphs here verify with the development one.
  production = await platform.startGateway({ production: true, identityKey: DEV_IDENTITY_SIGNING_KEY });
});
afterAll(() => platform?.stop());

const codes = (body: { errors?: { extensions?: Record<string, unknown> }[] }) =>
  (body.errors ?? []).map((error) => error.extensions?.code);

describe('gateway defences (through the real gateway)', () => {
  it.each([
    ['101 aliases', `{ ${Array.from({ length: 101 }, (_, i) => `a${i}: __typename`).join(' ')} }`, 'TOO_MANY_ALIASES'],
    ['depth 30', `{ users { edges { node { leads { edges { node { client { leads { edges { node { client { leads { edges { node { client { leads { edges { node { client { leads { edges { node { client { leads { edges { node { client { id } } } } } } } } } } } } } } } } } } } } } } } } } } } }`, 'QUERY_TOO_DEEP'],
    ['60 directives', `{ __typename ${'@include(if: true) '.repeat(60)}}`, 'TOO_MANY_DIRECTIVES'],
    ['a token flood', `{ ${'__typename '.repeat(6_000)}}`, 'TOO_MANY_TOKENS'],
  ])('rejects %s with 400 and its code', async (_label, query, code) => {
    const { status, body } = await graphql(platform.graphqlUrl, query);
    expect(status).toBe(400);
    expect(codes(body)).toContain(code);
    expect(body.data).toBeUndefined();
  });

  it('does not expose _entities or _service', async () => {
    for (const query of ['{ _entities(representations: []) { __typename } }', '{ _service { sdl } }']) {
      const { status, body } = await graphql(platform.graphqlUrl, query);
      expect(status).toBe(400);
      expect(codes(body)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    }
  });

  it('hides field suggestions', async () => {
    const { body } = await graphql(platform.graphqlUrl, '{ user { nme } }');
    expect(codes(body)).toContain('GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(body)).not.toMatch(/Did you mean/);
  });

  it('allows introspection in development and refuses it in production', async () => {
    const development = await graphql(platform.graphqlUrl, getIntrospectionQuery());
    expect(development.status).toBe(200);
    expect(development.body.errors).toBeUndefined();
    const refused = await graphql(`${production.url}/graphql`, getIntrospectionQuery());
    expect(refused.status).toBe(400);
    expect(codes(refused.body)).toContain('INTROSPECTION_DISABLED');
  });

  it('refuses CSRF-unsafe requests', async () => {
    const get = await fetch(`${platform.graphqlUrl}?query=${encodeURIComponent('{ __typename }')}`);
    expect(get.status).toBe(400);
    const textPlain = await fetch(platform.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(textPlain.status).toBe(400);
    expect(await textPlain.json()).toMatchObject({ errors: [{ extensions: { code: 'BAD_REQUEST' } }] });
    const preflighted = await fetch(`${platform.graphqlUrl}?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(preflighted.status).toBe(200);
  });

  it('refuses a batched (array) body', async () => {
    const response = await fetch(platform.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errors: [{ extensions: { code: 'BATCHING_NOT_SUPPORTED' } }] });
  });

  it('answers a subgraph validation error with the subgraph code and no stack trace', async () => {
    const { status, body } = await graphql(platform.graphqlUrl, '{ user(id: "not-an-object-id") { id } }');
    expect(status).toBe(200);
    expect(body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'INVALID_ID', serviceName: 'users' });
    expect(JSON.stringify(body)).not.toMatch(/stacktrace|at .*\.ts/);
  });
});
