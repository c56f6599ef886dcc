import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { Agent, request, type Dispatcher } from 'undici';

// Apollo's fetcher types (`@apollo/utils.fetcher`), taken from the data source that uses them.
export type Fetcher = RemoteGraphQLDataSource['fetcher'];
type FetcherRequestInit = NonNullable<Parameters<Fetcher>[1]>;
type FetcherResponse = Awaited<ReturnType<Fetcher>>;
type FetcherHeaders = FetcherResponse['headers'];

export interface SubgraphTimeouts {
  /** Opening a TCP connection to a subgraph. */
  connectTimeoutMs: number;
  /** From sending a request until the response headers arrive. */
  headersTimeoutMs: number;
  /** Longest pause between two chunks of a response body. */
  bodyTimeoutMs: number;
}

/**
 * One keep-alive connection pool per subgraph origin, shared by every request. The idle
 * timeout stays below the subgraphs' own `keepAliveTimeout` (65 s) so the gateway closes an
 * idle socket before the server does and never writes into a half-closed one.
 */
export function createSubgraphAgent(timeouts: SubgraphTimeouts): Agent {
  return new Agent({
    connect: { timeout: timeouts.connectTimeoutMs },
    headersTimeout: timeouts.headersTimeoutMs,
    bodyTimeout: timeouts.bodyTimeoutMs,
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 60_000,
  });
}

/** The request never got an HTTP answer: refused, reset, or timed out. */
export class SubgraphUnreachableError extends Error {
  override name = 'SubgraphUnreachableError';
  /** undici's or the OS's error code, e.g. ECONNREFUSED, UND_ERR_HEADERS_TIMEOUT. */
  readonly causeCode: string;

  constructor(url: string, cause: unknown) {
    const causeCode = (cause as { code?: unknown } | null)?.code;
    super(`No answer from ${url}`, { cause });
    this.causeCode = typeof causeCode === 'string' ? causeCode : 'UNKNOWN';
  }
}

/** Apollo's fetcher interface over `undici.request` on `agent`; the body is read whole. */
export function createUndiciFetcher(agent: Dispatcher): Fetcher {
  return async (url: string, init: FetcherRequestInit = {}): Promise<FetcherResponse> => {
    let text: string;
    let response: Dispatcher.ResponseData;
    try {
      response = await request(url, {
        dispatcher: agent,
        method: (init.method ?? 'GET') as Dispatcher.HttpMethod,
        headers: init.headers,
        body: init.body,
      });
      text = await response.body.text();
    } catch (error) {
      throw new SubgraphUnreachableError(url, error);
    }
    return new TextResponse(url, response.statusCode, response.statusText, new RecordHeaders(response.headers), text);
  };
}

class TextResponse implements FetcherResponse {
  readonly redirected = false;
  bodyUsed = false;

  constructor(
    readonly url: string,
    readonly status: number,
    readonly statusText: string,
    readonly headers: FetcherHeaders,
    private readonly body: string,
  ) {}

  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }

  async text(): Promise<string> {
    this.bodyUsed = true;
    return this.body;
  }

  async json(): Promise<unknown> {
    this.bodyUsed = true;
    return JSON.parse(this.body);
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    this.bodyUsed = true;
    const bytes = Buffer.from(this.body, 'utf8');
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }

  clone(): FetcherResponse {
    return new TextResponse(this.url, this.status, this.statusText, this.headers, this.body);
  }
}

/** Read-mostly headers over undici's lower-cased header record. */
export class RecordHeaders implements FetcherHeaders {
  private readonly map = new Map<string, string>();

  constructor(record: Record<string, string | string[] | undefined>) {
    for (const [name, value] of Object.entries(record)) {
      if (value !== undefined) this.map.set(name.toLowerCase(), Array.isArray(value) ? value.join(', ') : value);
    }
  }

  get(name: string): string | null {
    return this.map.get(name.toLowerCase()) ?? null;
  }
  has(name: string): boolean {
    return this.map.has(name.toLowerCase());
  }
  set(name: string, value: string): void {
    this.map.set(name.toLowerCase(), value);
  }
  append(name: string, value: string): void {
    const current = this.get(name);
    this.set(name, current === null ? value : `${current}, ${value}`);
  }
  delete(name: string): void {
    this.map.delete(name.toLowerCase());
  }
  entries(): IterableIterator<[string, string]> {
    return this.map.entries();
  }
  keys(): IterableIterator<string> {
    return this.map.keys();
  }
  values(): IterableIterator<string> {
    return this.map.values();
  }
  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.map.entries();
  }
}
