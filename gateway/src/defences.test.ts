import { ApolloServer, HeaderMap } from '@apollo/server';
import { createLogger } from '@leadgraph/logging';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defenceOptions } from './defences.ts';
import { DEFAULT_LIMITS } from './limits/index.ts';

const typeDefs = /* GraphQL */ `
  enum Role { CLIENT PRO }
  type Query { user: User, boom: String, count(role: Role): Int }
  type User { id: ID!, name: String, friend: User }
`;
const resolvers = {
  Query: {
    user: () => ({ id: '1', name: 'Ada' }),
    count: () => 1,
    boom: () => {
      throw new Error('connection string mongodb://secret@db failed');
    },
  },
  User: { friend: () => ({ id: '2', name: 'Bob' }) },
};
const logger = createLogger('gateway-test', { level: 'silent' });

function serverFor(production: boolean) {
  return new ApolloServer({ typeDefs, resolvers, ...defenceOptions({ limits: DEFAULT_LIMITS, production, logger }) });
}

const development = serverFor(false);
const production = serverFor(true);
beforeAll(() => Promise.all([development.start(), production.start()]));
afterAll(() => Promise.all([development.stop(), production.stop()]));

interface Answer {
  status: number;
  body: { data?: unknown; errors?: { message: string; extensions: Record<string, unknown> }[] };
}

async function send(
  server: ApolloServer,
  request: { method?: string; body?: unknown; search?: string; headers?: Record<string, string> },
): Promise<Answer> {
  const headers = new HeaderMap(Object.entries(request.headers ?? { 'content-type': 'application/json' }));
  const response = await server.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: request.method ?? 'POST', headers, search: request.search ?? '', body: request.body },
    context: async () => ({}),
  });
  if (response.body.kind !== 'complete') throw new Error('unexpected chunked response');
  return { status: response.status ?? 200, body: JSON.parse(response.body.string) as Answer['body'] };
}

const post = (query: string, server = development) => send(server, { body: { query } });
const codeOf = (answer: Answer) => answer.body.errors?.[0]?.extensions.code;

describe('gateway defences', () => {
  it('answers an ordinary query', async () => {
    const answer = await post('{ user { id name } }');
    expect(answer).toEqual({ status: 200, body: { data: { user: { id: '1', name: 'Ada' } } } });
  });

  it.each([
    ['101 aliases', `{ ${Array.from({ length: 101 }, (_, i) => `a${i}: user { id }`).join(' ')} }`, 'TOO_MANY_ALIASES'],
    ['depth 30', `{ user { ${'friend { '.repeat(28)}id${' }'.repeat(28)} } }`, 'QUERY_TOO_DEEP'],
    ['60 directives', `{ user { id ${'@include(if: true) '.repeat(60)}} }`, 'TOO_MANY_DIRECTIVES'],
    ['a token flood', `{ ${'__typename '.repeat(6_000)}}`, 'TOO_MANY_TOKENS'],
  ])('rejects %s with 400 and its code', async (_label, query, code) => {
    const answer = await post(query);
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.map((e) => e.extensions.code)).toContain(code);
    expect(answer.body.data).toBeUndefined();
  });

  it('hides field suggestions', async () => {
    const answer = await post('{ user { nam } }');
    expect(answer.status).toBe(400);
    expect(codeOf(answer)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(answer.body.errors?.[0]?.message).not.toMatch(/Did you mean/);
  });

  it('hides enum suggestions in variable errors too', async () => {
    const answer = await send(development, {
      body: { query: 'query Count($role: Role) { count(role: $role) }', variables: { role: 'CLIENTT' } },
    });
    expect(codeOf(answer)).toBe('BAD_USER_INPUT');
    expect(answer.body.errors?.[0]?.message).toMatch(/does not exist in "Role" enum\.$/);
  });

  it('allows introspection in development and refuses it in production', async () => {
    expect((await post('{ __schema { queryType { name } } }')).status).toBe(200);
    const refused = await post('{ __schema { queryType { name } } }', production);
    expect(refused.status).toBe(400);
    expect(codeOf(refused)).toBe('INTROSPECTION_DISABLED');
    expect(refused.body.errors?.[0]?.message).toBe('Introspection is disabled.');
  });

  it('refuses CSRF-unsafe requests: a simple GET and a text/plain POST', async () => {
    const get = await send(development, { method: 'GET', search: 'query=%7B__typename%7D', headers: {} });
    expect(get.status).toBe(400);
    expect(codeOf(get)).toBe('BAD_REQUEST');
    expect(get.body.errors?.[0]?.message).toMatch(/Cross-Site Request Forgery/);
    const textPlain = await send(development, { body: '{"query":"{ __typename }"}', headers: { 'content-type': 'text/plain' } });
    expect(textPlain.status).toBe(400);
    const preflighted = await send(development, {
      method: 'GET',
      search: 'query=%7B__typename%7D',
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(preflighted.status).toBe(200);
  });

  it('refuses a batched (array) body', async () => {
    const answer = await send(development, { body: [{ query: '{ __typename }' }, { query: '{ __typename }' }] });
    expect(answer.status).toBe(400);
    expect(codeOf(answer)).toBe('BATCHING_NOT_SUPPORTED');
  });

  it('masks unexpected errors without stack traces or internals', async () => {
    const answer = await post('{ boom }', production);
    expect(answer.body.errors).toEqual([
      { message: 'Internal server error.', locations: [{ line: 1, column: 3 }], path: ['boom'], extensions: { code: 'INTERNAL_SERVER_ERROR' } },
    ]);
    const dev = await post('{ boom }');
    expect(JSON.stringify(dev.body)).not.toMatch(/mongodb|stacktrace/);
  });
});
