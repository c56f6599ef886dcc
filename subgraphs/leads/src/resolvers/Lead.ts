import type { LeadContact, LeadDetail, LeadPlace, LeadResolvers } from '../__generated__/resolvers-types.ts';
import type { LeadRecord, PlaceRecord } from '../models/lead.ts';
import type { LeadLink } from '../services/contact-relationship.ts';
import { findVisibleLead } from '../services/find-lead.ts';
import { leadResponses } from '../services/list-responses.ts';

/** What the relationship check needs from any part of a lead: which lead it belongs to. */
const linkOf = (lead: LeadRecord): LeadLink => ({
  leadId: lead._id.toHexString(),
  hiredProId: lead.hiredProId?.toHexString() ?? null,
  status: lead.status,
});

/** A place with its lead's subject (`@dataSubject(fields: ["clientId"])`) and link. */
function place(lead: LeadRecord, value: PlaceRecord | null | undefined): LeadPlace | null {
  if (value == null || value.countryCode == null) return null;
  const part: LeadPlace & LeadLink = {
    clientId: lead.clientId.toHexString(),
    countryCode: value.countryCode,
    city: value.city,
    postalCode: value.postalCode ?? null,
    ...linkOf(lead),
  };
  return part;
}

export const Lead: LeadResolvers = {
  /** `_entities`: the same visibility as `Query.lead` (null when the caller may not see it). */
  __resolveReference: (reference, ctx) => findVisibleLead(reference.id, ctx),
  id: (lead) => lead._id.toHexString(),
  clientId: (lead) => lead.clientId.toHexString(),
  dates: (lead) => lead.dates,
  location: (lead) => place(lead, lead.location) as LeadPlace,
  destination: (lead) => place(lead, lead.destination),
  // A detail whose value an erasure removed is gone as a whole: its key alone says nothing.
  details: (lead) =>
    lead.details.filter((detail) => typeof detail.value === 'string').map((detail) => {
      const part: LeadDetail & LeadLink = { clientId: lead.clientId.toHexString(), key: detail.key, value: detail.value, ...linkOf(lead) };
      return part;
    }),
  /** The contact parts with what the relationship check needs (who is hired, the status). */
  contact: (lead) => {
    const part: LeadContact & LeadLink = {
      clientId: lead.clientId.toHexString(),
      email: lead.contact.email,
      phone: lead.contact.phone,
      address: {
        street: lead.contact.address,
        postalCode: lead.location.postalCode ?? null,
        city: lead.location.city,
        countryCode: lead.location.countryCode,
      },
      ...linkOf(lead),
    };
    return part;
  },
  responses: (lead, args, ctx) => leadResponses(ctx.loaders, ctx.identity, lead, args),
  /** A reference the gateway completes from the users subgraph. */
  client: (lead) => ({ id: lead.clientId.toHexString() }),
  hiredPro: (lead) => (lead.hiredProId == null ? null : { id: lead.hiredProId.toHexString() }),
  /** The hired response: only its participants see it (null for anyone else). */
  hiredResponse: async (lead, _args, ctx) => {
    if (lead.hiredResponseId == null) return null;
    const response = await ctx.loaders.responseById.load(lead.hiredResponseId.toHexString());
    return response !== null && ctx.access.isParticipant(response) ? response : null;
  },
};
