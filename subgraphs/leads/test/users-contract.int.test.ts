import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MongoHandle } from '@leadgraph/db';
import { startTestDatabase } from '@leadgraph/testing';
import { clientAccount, postLeadAs, queuedMails, respondAs, setupLeads, verifiedPro } from './support.ts';

let mongo: MongoHandle;
beforeAll(async () => {
  mongo = await startTestDatabase();
});
afterAll(() => mongo.stop());

const FEED = '{ leadFeed { edges { node { id } } } }';

describe('with the users subgraph (contracts C1 and C2), end to end', () => {
  it('matches a verified pro from their users profile, refuses a pending one, and has users queue each mail once', async () => {
    const { url, users } = await setupLeads(mongo);
    const client = await clientAccount(users, url);
    const pro = await verifiedPro(users, url, { categories: ['MOVING'], serviceAreas: [{ countryCode: 'FR', postalPrefix: '75' }] });
    const pending = await verifiedPro(users, url, { matchable: false, serviceAreas: [{ countryCode: 'FR', postalPrefix: '' }] });

    const leadId = await postLeadAs(client);
    const feed = await pro.ask<{ leadFeed: { edges: Array<{ node: { id: string } }> } }>(FEED);
    expect(feed.body.data?.leadFeed.edges.map((e) => e.node.id)).toEqual([leadId]);
    expect((await pending.ask(FEED)).body.errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN', reason: 'PRO_NOT_VERIFIED' });

    const responseId = await respondAs(pro, leadId);
    await client.ask('mutation ($id: ID!) { hireResponse(responseId: $id) { id } }', { id: responseId });
    expect(await queuedMails(users)).toEqual([
      { recipientId: client.id, key: `lead-created:${leadId}`, template: 'lead-created' },
      { recipientId: client.id, key: `new-response:${responseId}`, template: 'new-response' },
      { recipientId: pro.id, key: `hired:${leadId}`, template: 'hired' },
    ]);
  });
});
