import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { Logger } from '@leadgraph/logging';
import type { GraphQLError } from 'graphql';
import { GatewayErrorCode } from '../errors/codes.ts';
import { parseHandoff, SESSION_HEADER, type SessionHandoff } from '../session/handoff.ts';
import { SubgraphUnreachableError, type Fetcher } from './undici-fetcher.ts';

/** What the gateway's context carries for the subgraphs: headers added to every hop. */
export interface GatewayContext {
  /** E.g. the signed identity assertion; computed once per incoming request. */
  subgraphHeaders: Readonly<Record<string, string>>;
  /** The session cookie's fate for this request, settled when the response is sent. */
  session?: SessionState;
}

/** Per-request cookie bookkeeping (mutable: the users data source fills in `handoff`). */
export interface SessionState {
  /** Decided while reading the request: a renewed cookie, or the removal of an invalid one. */
  setCookie: string | null;
  /** What the users subgraph asked for (sign-in, sign-out...); wins over `setCookie`. */
  handoff: SessionHandoff | null;
}

type Response = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;
type ResponseError = NonNullable<Response['errors']>[number];
type FetcherResponse = Awaited<ReturnType<Fetcher>>;

/** A non-2xx answer from a subgraph, with the GraphQL errors it carried (if any). */
class SubgraphHttpError extends Error {
  override name = 'SubgraphHttpError';
  constructor(
    readonly status: number,
    readonly errors: ResponseError[],
  ) {
    super(`HTTP ${status}`);
  }
}

export interface SubgraphDataSourceOptions {
  name: string;
  url: string;
  fetcher: Fetcher;
  logger: Logger;
  /** Only the users subgraph may hand over a session (`x-leadgraph-session`). */
  acceptsSessionHandoff?: boolean;
}

/**
 * Sends the gateway's subgraph requests through the shared undici fetcher, adds the
 * per-request headers from the context (the identity assertion) to every hop, and turns
 * every transport failure into a GraphQL error with a stable code instead of a throw, so the
 * rest of the plan still runs and the client gets partial data. The gateway then adds
 * `extensions.serviceName`.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  readonly #name: string;
  readonly #logger: Logger;
  readonly #acceptsSessionHandoff: boolean;

  constructor(options: SubgraphDataSourceOptions) {
    super({ url: options.url, fetcher: options.fetcher });
    this.#name = options.name;
    this.#logger = options.logger;
    this.#acceptsSessionHandoff = options.acceptsSessionHandoff ?? false;
  }

  /** A 2xx answer: take the session handoff, if this subgraph may give one. */
  override didReceiveResponse({ response, context }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['didReceiveResponse']>>[0]): Response {
    this.#takeHandoff(response.http?.headers.get(SESSION_HEADER), context);
    return response;
  }

  /** A non-2xx answer can carry a handoff too (e.g. a sign-out that then failed). */
  override didEncounterError(error: Error, _request: unknown, response: FetcherResponse | undefined, context: GatewayContext | undefined): void {
    if (response && context) this.#takeHandoff(response.headers.get(SESSION_HEADER), context);
    throw error;
  }

  #takeHandoff(header: string | null | undefined, context: Partial<GatewayContext>): void {
    if (!this.#acceptsSessionHandoff || header === null || header === undefined || !context.session) return;
    const handoff = parseHandoff(header);
    if (handoff === null) this.#logger.warn({ serviceName: this.#name }, 'ignored a malformed session handoff');
    else context.session.handoff = handoff;
  }

  override willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const headers = (options.context as Partial<GatewayContext>).subgraphHeaders;
    if (!headers || !options.request.http) return;
    for (const [name, value] of Object.entries(headers)) options.request.http.headers.set(name, value);
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<Response> {
    try {
      return await super.process(options);
    } catch (error) {
      return { errors: this.#errorsFor(error) };
    }
  }

  override async errorFromResponse(response: FetcherResponse): Promise<GraphQLError> {
    let errors: ResponseError[] = [];
    try {
      const body = (await response.json()) as { errors?: unknown };
      if (Array.isArray(body.errors)) errors = body.errors.filter(isResponseError);
    } catch {
      // Not JSON: classified by status below.
    }
    throw new SubgraphHttpError(response.status, errors);
  }

  #errorsFor(error: unknown): ResponseError[] {
    const service = this.#name;
    if (error instanceof SubgraphUnreachableError) {
      this.#logger.warn({ serviceName: service, cause: error.causeCode }, 'subgraph unreachable');
      return [unavailable(service)];
    }
    if (error instanceof SubgraphHttpError) {
      this.#logger.warn({ serviceName: service, status: error.status }, 'subgraph answered non-2xx');
      if (error.errors.length > 0) return error.errors.map(keepCodeAndMessage);
      if (error.status === 502 || error.status === 503 || error.status === 504) return [unavailable(service)];
      if (error.status === 401) return [coded('Not authenticated.', 'UNAUTHENTICATED')];
      if (error.status === 403) return [coded('Forbidden.', 'FORBIDDEN')];
    } else {
      this.#logger.warn({ serviceName: service, error: errorName(error) }, 'subgraph sent an invalid response');
    }
    return [coded(`Subgraph "${service}" sent an invalid response.`, GatewayErrorCode.SUBGRAPH_INVALID_RESPONSE)];
  }
}

function coded(message: string, code: string): ResponseError {
  return { message, extensions: { code } };
}

function unavailable(service: string): ResponseError {
  return coded(`Subgraph "${service}" is unavailable.`, GatewayErrorCode.SUBGRAPH_UNAVAILABLE);
}

function isResponseError(value: unknown): value is ResponseError {
  return typeof value === 'object' && value !== null && typeof (value as { message?: unknown }).message === 'string';
}

/** Only the message, path, code (and a rate limit's wait) travel on; the gateway's error formatting decides the rest. */
function keepCodeAndMessage(error: ResponseError): ResponseError {
  const code = error.extensions?.code;
  const wait = error.extensions?.retryAfterSeconds;
  return {
    message: error.message,
    ...(error.path ? { path: error.path } : {}),
    ...(typeof code === 'string'
      ? { extensions: { code, ...(typeof wait === 'number' ? { retryAfterSeconds: wait } : {}) } }
      : {}),
  };
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
