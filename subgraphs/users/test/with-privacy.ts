import type { MongoHandle } from '@leadgraph/db';
import type { PeerUrl, SubgraphName } from '@leadgraph/service-kit';
import { startSubgraph as startPrivacySubgraph } from '@leadgraph/subgraph-privacy';
import { graphql, startSubgraphUnderTest } from '@leadgraph/testing';
import type { StartSubgraphOptions } from '../src/server.ts';
import { startMarketplace } from './marketplace.ts';

/**
 * The users subgraph (as `startMarketplace`) and a real privacy subgraph, each on its own
 * database, calling each other over HTTP (restrictions, marketing consent, request mails).
 * The privacy retention poller is off. Both torn down after the test.
 */
export async function startWithPrivacy(mongo: MongoHandle, options: Partial<StartSubgraphOptions> = {}) {
  const urls = new Map<SubgraphName, string>();
  const peerUrl: PeerUrl = (peer) => urls.get(peer) ?? 'http://127.0.0.1:1/graphql';
  const privacy = await startSubgraphUnderTest((base) => startPrivacySubgraph({ ...base, peerUrl, schedulerPollMs: false }), mongo, 'privacy');
  urls.set('privacy', privacy.url);
  const users = await startMarketplace(mongo, { ...options, peerUrl });
  urls.set('users', users.url);
  return {
    users,
    privacy: {
      ...privacy,
      call: <T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) =>
        graphql<T>(privacy.url, query, variables, headers),
    },
  };
}

export const FILE_REQUEST = `mutation ($input: FileDataSubjectRequestInput!) { fileDataSubjectRequest(input: $input) { id status } }`;
