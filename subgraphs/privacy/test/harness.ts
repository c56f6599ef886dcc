import { randomBytes } from 'node:crypto';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { readSubgraphSdl } from '@leadgraph/service-kit';
import mongoose from 'mongoose';
import { DEV_IDENTITY_SIGNING_KEY, IDENTITY_HEADER, serviceIdentity, signAssertion, type Identity } from '@leadgraph/identity';
import type { MongoHandle } from '@leadgraph/db';
import { manualClock, type ManualClock } from '@leadgraph/scheduler';
import { graphql, startSubgraphUnderTest } from '@leadgraph/testing';
import { startSubgraph, type RunningPrivacySubgraph } from '../src/server.ts';

export const newId = () => new mongoose.Types.ObjectId().toHexString();
export const newVisitorId = () => randomBytes(16).toString('base64url');

export const MINUTE = 60_000;
export const DAY = 24 * 60 * MINUTE;

/**
 * The privacy subgraph on its own database with a clock the test moves (the scheduler does
 * not poll: the test runs due jobs itself). Service calls to the users subgraph go to a port
 * nobody listens on, so request-update mails are recorded as FAILED.
 */
export async function setupPrivacy(mongo: MongoHandle, start = new Date('2026-11-02T09:00:00.000Z')) {
  const clock: ManualClock = manualClock(start);
  let running: RunningPrivacySubgraph | undefined;
  const subgraph = await startSubgraphUnderTest(
    async (options) => {
      running = await startSubgraph({
        ...options,
        clock,
        schedulerPollMs: false,
        peerUrl: () => 'http://127.0.0.1:9/graphql',
        // The export's query, generated from a supergraph of this subgraph alone, runs against
        // the subgraph itself (the whole platform is tested through the gateway).
        supergraphSdl: privacyOnlySupergraph(),
        gatewayUrl: () => `${running!.url}/graphql`,
      });
      return running;
    },
    mongo,
    'privacy',
  );
  const request = <T>(query: string, variables: Record<string, unknown> | undefined, headers: Record<string, string>) =>
    graphql<T>(subgraph.url, query, variables, headers);
  return { ...subgraph, clock, runDueJobs: () => running!.runDueJobs(), request };
}

let privacySupergraph: string | undefined;

/** A supergraph of the privacy subgraph alone. */
export function privacyOnlySupergraph(): string {
  if (privacySupergraph !== undefined) return privacySupergraph;
  const sdl = readSubgraphSdl(new URL('../../../schema/privacy.graphql', import.meta.url));
  const composed = composeServices([{ name: 'privacy', url: 'http://privacy.invalid/graphql', typeDefs: parse(sdl) }]);
  if (composed.errors !== undefined) throw new Error(composed.errors.map((error) => error.message).join('\n'));
  privacySupergraph = composed.supergraphSdl;
  return privacySupergraph;
}

/** The identity header the gateway would send, signed with the development key. */
export function as(identity: Partial<Identity>): Record<string, string> {
  const full: Identity = { userId: null, role: null, sessionId: 's', authenticatedAt: Date.now(), scopes: [], clientIp: null, ...identity };
  return { [IDENTITY_HEADER]: signAssertion(full, DEV_IDENTITY_SIGNING_KEY) };
}

/** A signed-in user who authenticated at `authenticatedAt` (default: the test clock's now). */
export const user = (userId: string, clock: ManualClock, extra: Partial<Identity> = {}) =>
  as({ userId, role: 'client', authenticatedAt: clock.now().getTime(), clientIp: '203.0.113.77', ...extra });
export const admin = (clock: ManualClock, userId = newId()) => as({ userId, role: 'admin', authenticatedAt: clock.now().getTime() });
export const service = () => ({ [IDENTITY_HEADER]: signAssertion(serviceIdentity('users'), DEV_IDENTITY_SIGNING_KEY) });
/** The visitor headers the gateway adds for a browser. */
export const visitor = (visitorId: string, gpc = false, userAgent?: string) => ({
  'x-leadgraph-visitor-id': visitorId,
  ...(gpc ? { 'sec-gpc': '1' } : {}),
  ...(userAgent ? { 'x-leadgraph-user-agent': userAgent } : {}),
});

export const codeOf = (body: { errors?: Array<{ extensions?: Record<string, unknown> }> }) => body.errors?.[0]?.extensions?.code;
export const reasonOf = (body: { errors?: Array<{ extensions?: Record<string, unknown> }> }) => body.errors?.[0]?.extensions?.reason;
