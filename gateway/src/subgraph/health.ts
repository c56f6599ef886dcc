import { request, type Dispatcher } from 'undici';

export type SubgraphStatus = 'ok' | 'unavailable';

/** `http://host:port/graphql` → `http://host:port/health` (the path convention of `@leadgraph/http`). */
export function healthUrlFor(graphqlUrl: string): string {
  const url = new URL(graphqlUrl);
  url.pathname = url.pathname.replace(/\/graphql\/?$/, '') + '/health';
  url.search = '';
  return url.toString().replace(/\/\/health$/, '/health');
}

/** Whether one subgraph's `/health` answers 200 within `timeoutMs`. Never throws. */
export async function checkSubgraph(graphqlUrl: string, agent: Dispatcher, timeoutMs: number): Promise<SubgraphStatus> {
  try {
    const response = await request(healthUrlFor(graphqlUrl), {
      dispatcher: agent,
      method: 'GET',
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body.dump();
    return response.statusCode === 200 ? 'ok' : 'unavailable';
  } catch {
    return 'unavailable';
  }
}

/** Every subgraph's status, checked in parallel. */
export async function checkSubgraphs(
  urls: Readonly<Record<string, string>>,
  agent: Dispatcher,
  timeoutMs: number,
): Promise<{ ok: boolean; subgraphs: Record<string, SubgraphStatus> }> {
  const entries = await Promise.all(
    Object.entries(urls).map(async ([name, url]) => [name, await checkSubgraph(url, agent, timeoutMs)] as const),
  );
  return { ok: entries.every(([, status]) => status === 'ok'), subgraphs: Object.fromEntries(entries) };
}
