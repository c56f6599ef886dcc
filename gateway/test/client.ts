import type { CookieJar } from './cookie-jar.ts';

export interface GraphQLAnswer<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

/** The first error code of an answer (undefined when there is none). */
export const codeOf = (answer: GraphQLAnswer<unknown>) => answer.errors?.[0]?.extensions?.code;

/**
 * A browser-like GraphQL client for the gateway: sends and stores cookies through `jar`, and
 * sends `Origin` (the gateway's own by default) like a browser page would.
 */
export function clientFor(graphqlUrl: string, jar: CookieJar, origin: string | null = 'http://localhost:4000') {
  return async function send<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    headers: Record<string, string> = {},
  ): Promise<GraphQLAnswer<T>> {
    const cookie = jar.header();
    const response = await fetch(graphqlUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(origin === null ? {} : { origin }),
        ...(cookie === undefined ? {} : { cookie }),
        ...headers,
      },
      body: JSON.stringify({ query, ...(variables === undefined ? {} : { variables }) }),
    });
    jar.take(response.headers);
    const body = (await response.json()) as Omit<GraphQLAnswer<T>, 'status' | 'headers'>;
    return { status: response.status, headers: response.headers, ...body };
  };
}
