import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MongoHandle } from '@leadgraph/db';
import { graphql, startTestDatabase } from '@leadgraph/testing';
import { caller, newId, postLeadAs, respondAs, setupLeads, verifiedPro } from './support.ts';

let mongo: MongoHandle;
beforeAll(async () => {
  mongo = await startTestDatabase();
});
afterAll(() => mongo.stop());

const LEAD = /* GraphQL */ `
  query ($id: ID!) { lead(id: $id) {
    id status description location { city postalCode } details { value }
    contact { email phone address { street city postalCode countryCode } }
  } }
`;
type LeadView = {
  lead: {
    description: string;
    location: { city: string; postalCode: string | null };
    contact: { email: string; phone: string; address: Record<string, string | null> };
  } | null;
};

describe('who sees a lead', () => {
  it('gives a non-matched pro, another client and a pro of another trade the same null as a missing id', async () => {
    const { url, users } = await setupLeads(mongo);
    const leadId = await postLeadAs(caller(url, 'client'));
    const outsiders = [
      await verifiedPro(users, url, { serviceAreas: [{ countryCode: 'FR', postalPrefix: '69' }] }),
      await verifiedPro(users, url, { categories: ['TUTORING'] }),
      await verifiedPro(users, url, { matchable: false }),
      caller(url, 'pro'),
      caller(url, 'client'),
    ];
    for (const outsider of outsiders) {
      const theirs = await outsider.ask(LEAD, { id: leadId });
      const missing = await outsider.ask(LEAD, { id: newId() });
      expect(theirs.body).toEqual({ data: { lead: null } });
      expect(theirs.body).toEqual(missing.body);
      const entity = await outsider.ask('query ($r: [_Any!]!) { _entities(representations: $r) { ... on Lead { id } } }', {
        r: [{ __typename: 'Lead', id: leadId }],
      });
      expect(entity.body).toEqual({ data: { _entities: [null] } });
    }
    const anonymous = await graphql(url, LEAD, { id: leadId });
    const anonymousMissing = await graphql(url, LEAD, { id: newId() });
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(anonymous.body).toEqual(anonymousMissing.body);
  });

  it('shows an OPEN lead to a matched pro with contact details masked until that pro is hired, then in clear', async () => {
    const { url, users } = await setupLeads(mongo);
    const client = caller(url, 'client');
    const leadId = await postLeadAs(client);
    const pro = await verifiedPro(users, url, { serviceAreas: [{ countryCode: 'FR', postalPrefix: '750' }] });
    const rival = await verifiedPro(users, url);
    const before = await pro.ask<LeadView>(LEAD, { id: leadId });
    expect(before.body.data?.lead).toMatchObject({
      description: 'Two bedrooms, third floor, no lift. About 30 boxes and a piano.',
      location: { city: 'Paris', postalCode: '75011' },
      contact: {
        email: 'j***@e***.com',
        phone: '•••• 5678',
        address: { street: null, city: 'Paris', postalCode: null, countryCode: null },
      },
    });
    const responseId = await respondAs(pro, leadId);
    await respondAs(rival, leadId);
    await client.ask('mutation ($id: ID!) { hireResponse(responseId: $id) { id } }', { id: responseId });
    const after = await pro.ask<LeadView>(LEAD, { id: leadId });
    expect(after.body.data?.lead?.contact).toEqual({
      email: 'jeanne.martin@example.com',
      phone: '+33 6 12 34 56 78',
      address: { street: '12 Rue Oberkampf', city: 'Paris', postalCode: '75011', countryCode: 'FR' },
    });
    // The other responder still sees the (now HIRED) lead they answered, contact masked.
    const rivalView = await rival.ask<LeadView>(LEAD, { id: leadId });
    expect(rivalView.body.data?.lead?.contact).toMatchObject({ email: 'j***@e***.com', address: { street: null } });
    // A matched pro who did not respond no longer sees a lead that is not OPEN.
    const latecomer = await verifiedPro(users, url);
    expect((await latecomer.ask(LEAD, { id: leadId })).body).toEqual({ data: { lead: null } });
    // Closing after the hire ends the clear view.
    await client.ask('mutation ($id: ID!) { closeLead(leadId: $id) { id } }', { id: leadId });
    const closed = await pro.ask<LeadView>(LEAD, { id: leadId });
    expect(closed.body.data?.lead?.contact.email).toBe('j***@e***.com');
  });

  it('shows admins every lead with personal fields masked unless they state a reason', async () => {
    const { url } = await setupLeads(mongo);
    const leadId = await postLeadAs(caller(url, 'client'));
    const admin = caller(url, 'admin');
    const masked = await admin.ask<LeadView>(LEAD, { id: leadId });
    expect(masked.body.data?.lead).toMatchObject({ description: '[redacted]', location: { city: '[redacted]', postalCode: null }, contact: { email: 'j***@e***.com' } });
    const reasoned = await admin.ask<LeadView>(LEAD, { id: leadId }, { 'x-leadgraph-admin-reason': 'dispute #42' });
    expect(reasoned.body.data?.lead?.contact.email).toBe('jeanne.martin@example.com');
  });
});

describe('leadParticipation (contract C3)', () => {
  const QUERY = 'query ($id: ID!) { leadParticipation(leadId: $id) { leadId status clientId hiredProId completedAt } }';

  it('answers the reviews service with the lead\'s participants, null for an unknown lead, and refuses users', async () => {
    const { url, users } = await setupLeads(mongo);
    const client = caller(url, 'client');
    const leadId = await postLeadAs(client);
    const pro = await verifiedPro(users, url);
    const responseId = await respondAs(pro, leadId);
    await client.ask('mutation ($id: ID!) { hireResponse(responseId: $id) { id } }', { id: responseId });
    await client.ask('mutation ($id: ID!) { completeLead(leadId: $id) { id } }', { id: leadId });
    const service = caller(url, 'service', null);
    const res = await service.ask<{ leadParticipation: { completedAt: string } }>(QUERY, { id: leadId });
    expect(res.body.data?.leadParticipation).toMatchObject({ leadId, status: 'COMPLETED', clientId: client.id, hiredProId: pro.id });
    expect(Number.isNaN(Date.parse(res.body.data?.leadParticipation.completedAt ?? ''))).toBe(false);
    expect((await service.ask(QUERY, { id: newId() })).body).toEqual({ data: { leadParticipation: null } });
    expect((await client.ask(QUERY, { id: leadId })).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
