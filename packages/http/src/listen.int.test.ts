import { ApolloServer } from '@apollo/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, type Listening } from './index.ts';

let healthy = true;
let served: Listening;

beforeAll(async () => {
  const apollo = new ApolloServer({
    typeDefs: 'type Query { hello: String }',
    resolvers: { Query: { hello: () => 'world' } },
  });
  await apollo.start();
  served = await listen({
    apollo,
    context: async () => ({}),
    health: async () => ({ ok: healthy, details: { database: healthy ? 'up' : 'down' } }),
    maxBodyBytes: 1_000,
    routes: [
      {
        prefix: '/files/',
        handle: async (req, res, rest) => {
          if (rest === 'boom') throw new Error('secret detail');
          res.setHeader('content-type', 'text/plain');
          res.end(req.method === 'HEAD' ? undefined : `file ${rest}`);
        },
      },
      {
        prefix: '/forms/',
        methods: ['GET', 'POST'],
        handle: async (req, res) => {
          res.end(`form ${req.method}`);
        },
      },
    ],
  });
});
afterAll(() => served.stop());

const post = (body: string) =>
  fetch(`${served.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

describe('listen', () => {
  it('answers GraphQL at /graphql', async () => {
    const response = await post(JSON.stringify({ query: '{ hello }' }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { hello: 'world' } });
  });

  it('reports health as 200 when ready and 503 when not', async () => {
    expect((await fetch(`${served.url}/health`)).status).toBe(200);
    healthy = false;
    const down = await fetch(`${served.url}/health`);
    healthy = true;
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ status: 'unavailable', database: 'down' });
  });

  it('refuses invalid JSON with a coded error', async () => {
    const response = await post('{"query": ');
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      errors: [{ message: 'Request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }],
    });
  });

  it('refuses a body over the limit with 413', async () => {
    const response = await post(JSON.stringify({ query: `{ hello } #${'x'.repeat(2_000)}` }));
    expect(response.status).toBe(413);
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('serves a route by prefix with the rest of the path, GET and HEAD only', async () => {
    const got = await fetch(`${served.url}/files/a%20b?x=1`);
    expect(got.status).toBe(200);
    expect(await got.text()).toBe('file a%20b');
    const head = await fetch(`${served.url}/files/x`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    const post = await fetch(`${served.url}/files/x`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    expect(((await post.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('METHOD_NOT_ALLOWED');
  });

  it('lets a route declare its methods (a form that also takes POST)', async () => {
    expect(await (await fetch(`${served.url}/forms/x`, { method: 'POST' })).text()).toBe('form POST');
    const head = await fetch(`${served.url}/forms/x`, { method: 'HEAD' });
    expect(head.status).toBe(405);
    expect(head.headers.get('allow')).toBe('GET, POST');
  });

  it('answers 500 without details when a route throws', async () => {
    const response = await fetch(`${served.url}/files/boom`);
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toContain('secret detail');
    expect(JSON.parse(text)).toEqual({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
  });

  it('answers 404 for other paths', async () => {
    const response = await fetch(`${served.url}/nope`);
    expect(response.status).toBe(404);
  });
});
