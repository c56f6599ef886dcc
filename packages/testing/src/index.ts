import { resolveMongo, type MongoHandle } from '@leadgraph/db';

/**
 * A MongoDB for a test: MONGODB_URI, else a local mongod, else the embedded server, on a
 * free port and in memory (the same order as the services). Give each test its own
 * database with `uniqueDbName`, and `stop()` the handle when done.
 */
export function startTestDatabase(): Promise<MongoHandle> {
  return resolveMongo({ port: 0 });
}


export interface GraphQLErrorBody {
  message: string;
  path?: Array<string | number>;
  extensions?: Record<string, unknown>;
}

export interface GraphQLResponse<T> {
  status: number;
  body: { data?: T; errors?: GraphQLErrorBody[] };
}

/** POSTs a GraphQL operation to `url` (the `/graphql` endpoint) and returns status and body. */
export async function graphql<T = unknown>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  headers?: Record<string, string>,
): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify({ query, ...(variables === undefined ? {} : { variables }) }),
  });
  const text = await response.text();
  let body: GraphQLResponse<T>['body'];
  try {
    body = JSON.parse(text) as GraphQLResponse<T>['body'];
  } catch {
    throw new Error(`Non-JSON response from ${url} (HTTP ${response.status}): ${text.slice(0, 200)}`);
  }
  return { status: response.status, body };
}
export { runFailingServiceProcess, startServiceProcess, type ServiceProcess } from './service-process.ts';
export { sdlTypeShapes } from './sdl-shapes.ts';
export { uniqueDbName } from './names.ts';
export { startSubgraphUnderTest, type StartSubgraph, type SubgraphUnderTest } from './subgraph-under-test.ts';
