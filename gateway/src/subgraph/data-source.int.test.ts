import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { createLogger } from '@leadgraph/logging';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SubgraphDataSource, type GatewayContext } from './data-source.ts';
import { createSubgraphAgent, createUndiciFetcher } from './undici-fetcher.ts';

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;
let handler: Handler = () => {};
let server: Server;
let url: string;
const agent = createSubgraphAgent({ connectTimeoutMs: 500, headersTimeoutMs: 300, bodyTimeoutMs: 300 });
const fetcher = createUndiciFetcher(agent);
const logger = createLogger('gateway-test', { level: 'silent' });

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => handler(req, res, body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await agent.close();
});

function send(target: string, headers: Record<string, string> = {}, context: GatewayContext = { subgraphHeaders: headers }, acceptsSessionHandoff = false) {
  const source = new SubgraphDataSource({ name: 'reviews', url: target, fetcher, logger, acceptsSessionHandoff });
  return source.process({
    kind: 'incoming operation',
    request: { query: '{ reviews { id } }', variables: { first: 2 } },
    incomingRequestContext: { context },
    context,
  } as unknown as GraphQLDataSourceProcessOptions<GatewayContext>);
}

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

describe('SubgraphDataSource over undici', () => {
  it('posts the operation as JSON with the context headers and returns the data', async () => {
    let seen: { headers: IncomingMessage['headers']; body: unknown } | undefined;
    handler = (req, res, body) => {
      seen = { headers: req.headers, body: JSON.parse(body) };
      json(res, 200, { data: { reviews: [{ id: 'r1' }] } });
    };
    const response = await send(url, { 'x-leadgraph-identity': 'signed.token' });
    expect(response.data).toEqual({ reviews: [{ id: 'r1' }] });
    expect(response.errors).toBeUndefined();
    expect(seen?.headers['x-leadgraph-identity']).toBe('signed.token');
    expect(seen?.headers['content-type']).toBe('application/json');
    expect(seen?.body).toEqual({ query: '{ reviews { id } }', variables: { first: 2 } });
  });

  it('keeps the errors and codes of a non-2xx GraphQL answer', async () => {
    handler = (_req, res) => json(res, 400, { errors: [{ message: 'Bad input', extensions: { code: 'BAD_USER_INPUT', stacktrace: ['x'] } }] });
    expect((await send(url)).errors).toEqual([{ message: 'Bad input', extensions: { code: 'BAD_USER_INPUT' } }]);
  });

  it('reports a 503 without a GraphQL body as SUBGRAPH_UNAVAILABLE', async () => {
    handler = (_req, res) => {
      res.writeHead(503);
      res.end('upstream down');
    };
    expect((await send(url)).errors).toEqual([
      { message: 'Subgraph "reviews" is unavailable.', extensions: { code: 'SUBGRAPH_UNAVAILABLE' } },
    ]);
  });

  it('reports a non-JSON 200 as SUBGRAPH_INVALID_RESPONSE without echoing the body', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>secret internals</html>');
    };
    const errors = (await send(url)).errors;
    expect(errors?.[0]?.extensions?.code).toBe('SUBGRAPH_INVALID_RESPONSE');
    expect(JSON.stringify(errors)).not.toMatch(/secret/);
  });

  it('reports a refused connection as SUBGRAPH_UNAVAILABLE', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const errors = (await send(`http://127.0.0.1:${port}/graphql`)).errors;
    expect(errors?.[0]?.extensions?.code).toBe('SUBGRAPH_UNAVAILABLE');
  });

  it('reports a subgraph slower than the headers timeout as SUBGRAPH_UNAVAILABLE', async () => {
    handler = (_req, res) => setTimeout(() => json(res, 200, { data: {} }), 3_000).unref();
    const started = Date.now();
    const errors = (await send(url)).errors;
    expect(errors?.[0]?.extensions?.code).toBe('SUBGRAPH_UNAVAILABLE');
    expect(Date.now() - started).toBeLessThan(2_500);
  });

  describe('session handoff', () => {
    const handoff = JSON.stringify({ action: 'set', token: 'a'.repeat(40), expiresAt: '2030-01-01T00:00:00.000Z' });
    const fresh = (): GatewayContext => ({ subgraphHeaders: {}, session: { setCookie: null, handoff: null } });

    it('is taken from the subgraph allowed to give it, on a 2xx and on a non-2xx answer', async () => {
      handler = (_req, res) => {
        res.setHeader('x-leadgraph-session', handoff);
        json(res, 200, { data: { reviews: [] } });
      };
      const context = fresh();
      await send(url, {}, context, true);
      expect(context.session?.handoff).toEqual({ action: 'set', token: 'a'.repeat(40), expiresAt: new Date('2030-01-01T00:00:00.000Z') });
      handler = (_req, res) => {
        res.setHeader('x-leadgraph-session', '{"action":"clear"}');
        json(res, 400, { errors: [{ message: 'Bad input', extensions: { code: 'BAD_USER_INPUT' } }] });
      };
      const failed = fresh();
      await send(url, {}, failed, true);
      expect(failed.session?.handoff).toEqual({ action: 'clear' });
    });

    it('is ignored from any other subgraph', async () => {
      handler = (_req, res) => {
        res.setHeader('x-leadgraph-session', handoff);
        json(res, 200, { data: { reviews: [] } });
      };
      const context = fresh();
      await send(url, {}, context, false);
      expect(context.session?.handoff).toBeNull();
    });
  });
});
