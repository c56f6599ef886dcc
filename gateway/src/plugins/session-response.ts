import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../subgraph/data-source.ts';
import type { GatewaySessions } from '../session/sessions.ts';

/**
 * Settles the response headers that depend on the whole request:
 * - `Set-Cookie`: the users subgraph's handoff (sign-in sets, sign-out clears) when there was
 *   one, else what reading the request decided (a renewed cookie, or the removal of an
 *   invalid one). One cookie per response at most; responses that set one are `no-store`.
 * - `Retry-After`: the largest `extensions.retryAfterSeconds` of a `RATE_LIMITED` error.
 */
export function sessionResponsePlugin(sessions: GatewaySessions): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          const state = contextValue.session;
          const cookie = state?.handoff ? sessions.cookieFor(state.handoff) : (state?.setCookie ?? null);
          if (cookie !== null) {
            response.http.headers.set('set-cookie', cookie);
            response.http.headers.set('cache-control', 'no-store');
          }
          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          const waits = errors
            .filter((error) => error.extensions?.code === 'RATE_LIMITED')
            .map((error) => error.extensions?.retryAfterSeconds)
            .filter((seconds): seconds is number => typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0);
          if (waits.length > 0) response.http.headers.set('retry-after', String(Math.ceil(Math.max(...waits))));
        },
      };
    },
  };
}
