import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { composeServices } from '@apollo/composition';
import { createSessionManager, type SessionManager } from '@leadgraph/auth';
import { connectDatabase } from '@leadgraph/db';
import { identityFromHeaders, type Identity } from '@leadgraph/identity';
import { createLogger } from '@leadgraph/logging';
import { parse } from 'graphql';
import { SESSION_HEADER } from '../../src/session/handoff.ts';

/** A stand-in users subgraph: just enough of the accounts contract to drive the gateway. */
const USERS_SDL = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key"])
  type User @key(fields: "id") { id: ID! name: String! }
  type SignInPayload { user: User! }
  type Query { me: User }
  type Mutation {
    signIn(email: String!, password: String!): SignInPayload!
    signOut: Boolean!
    tryTooOften: Boolean!
    leakHandoff: Boolean!
  }
`;

/** The stand-in as the only subgraph of a supergraph (the gateway's other subgraphs are unused). */
export function standInSupergraph(url: string): string {
  const result = composeServices([{ name: 'users', url, typeDefs: parse(USERS_SDL) }]);
  if (result.errors) throw new Error(result.errors.map((error) => error.message).join('\n'));
  return result.supergraphSdl;
}

export interface StandInUsers extends AsyncDisposable {
  url: string;
  /** The id of the one user (`ada`), stored in the `users` collection. */
  userId: string;
  /** The identity each request carried, in order. */
  identities: Identity[];
  /** Every request's headers, in order. */
  requests: Record<string, string | string[] | undefined>[];
  sessions: SessionManager;
  /** Sets fields on the user document (e.g. `disabledAt`). */
  updateUser(set: Record<string, unknown>): Promise<void>;
  /** Moves a session's expiry (to trigger sliding renewal). */
  setSessionExpiry(handle: string, expiresAt: Date): Promise<void>;
}

/**
 * Serves the stand-in on a free port over the users database `dbName`: `signIn` creates a
 * real session (lucia, as the real users subgraph will) and hands the token over in
 * `x-leadgraph-session`; `signOut` ends the caller's session and asks for the cookie to be
 * cleared; `tryTooOften` fails with RATE_LIMITED; `leakHandoff` answers a handoff that is
 * not JSON. `/health` answers 200.
 */
export async function startStandInUsers(options: { mongoUri: string; dbName: string; signingKey: string }): Promise<StandInUsers> {
  const db = await connectDatabase(options.mongoUri, options.dbName);
  const inserted = await db.collection('users').insertOne({ name: 'Ada', role: 'client' });
  const userId = inserted.insertedId.toHexString();
  const sessions = createSessionManager({ db, findUser: async () => ({ role: 'client' }), logger: createLogger('stand-in', { level: 'silent' }) });
  const identities: Identity[] = [];
  const requests: StandInUsers['requests'] = [];

  const server: Server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    req.on('end', () => {
      if (req.url === '/health') return void res.end('{}');
      requests.push(req.headers);
      const identity = identityFromHeaders(req.headers, options.signingKey);
      identities.push(identity);
      const query = (JSON.parse(text) as { query: string }).query;
      void answer(query, identity).then(({ body, handoff }) => {
        if (handoff !== undefined) res.setHeader(SESSION_HEADER, handoff);
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(body));
      });
    });
  });

  async function answer(query: string, identity: Identity): Promise<{ body: unknown; handoff?: string }> {
    const user = { id: userId, name: 'Ada' };
    if (query.includes('signIn')) {
      const { token, session } = await sessions.createSession(userId, { role: 'client' });
      const handoff = JSON.stringify({ action: 'set', token, expiresAt: session.expiresAt.toISOString() });
      return { body: { data: { signIn: { user } } }, handoff };
    }
    if (query.includes('signOut')) {
      if (identity.sessionId !== null) await sessions.revokeSession(userId, identity.sessionId);
      return { body: { data: { signOut: true } }, handoff: JSON.stringify({ action: 'clear' }) };
    }
    if (query.includes('tryTooOften')) {
      const error = { message: 'Too many attempts.', path: ['tryTooOften'], extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 42 } };
      return { body: { data: null, errors: [error] } };
    }
    if (query.includes('leakHandoff')) return { body: { data: { leakHandoff: true } }, handoff: 'not json' };
    return { body: { data: { me: identity.userId === userId ? user : null } } };
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const stop = async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await db.close();
  };
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    userId,
    identities,
    requests,
    sessions,
    async updateUser(set) {
      await db.collection('users').updateOne({ _id: inserted.insertedId }, { $set: set });
    },
    async setSessionExpiry(handle, expiresAt) {
      await db.collection('sessions').updateOne({ _id: handle as never }, { $set: { expiresAt } });
    },
    [Symbol.asyncDispose]: stop,
  };
}
