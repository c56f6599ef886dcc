import type { LeadResponsesArgs } from '../__generated__/resolvers-types.ts';
import type { LeadRecord, PlaceRecord } from '../models/lead.ts';
import { findVisibleLead } from '../services/find-lead.ts';
import { leadResponses } from '../services/list-responses.ts';
import type { FieldResolver } from './record-resolvers.ts';

type Place = PlaceRecord;

/** A place with its lead's subject and id (`@dataSubject(fields: ["clientId"])`, the relationship check). */
function place(lead: LeadRecord, value: Place | null | undefined) {
  if (value == null || value.countryCode == null) return null;
  return { ...value, clientId: lead.clientId, leadId: lead._id };
}

export const Lead = {
  /** `_entities`: the same visibility as `Query.lead` (null when the caller may not see it). */
  __resolveReference: (reference: { id: string }, ctx: Parameters<typeof findVisibleLead>[1]) => findVisibleLead(reference.id, ctx),
  id: (lead: LeadRecord) => lead._id.toHexString(),
  clientId: (lead: LeadRecord) => lead.clientId.toHexString(),
  dates: (lead: LeadRecord) => lead.dates,
  location: (lead: LeadRecord) => place(lead, lead.location),
  destination: (lead: LeadRecord) => place(lead, lead.destination),
  details: (lead: LeadRecord) => lead.details.map((detail) => ({ ...detail, clientId: lead.clientId, leadId: lead._id })),
  /** The contact parts with what the relationship check needs (who is hired, the status). */
  contact: (lead: LeadRecord) => ({
    clientId: lead.clientId,
    leadId: lead._id,
    hiredProId: lead.hiredProId,
    status: lead.status,
    email: lead.contact.email,
    phone: lead.contact.phone,
    address: {
      street: lead.contact.address,
      postalCode: lead.location.postalCode,
      city: lead.location.city,
      countryCode: lead.location.countryCode,
    },
  }),
  responses: ((lead, args, ctx) => leadResponses(ctx.loaders, ctx.identity, lead, args)) as FieldResolver<LeadRecord, LeadResponsesArgs>,
  /** A reference the gateway completes from the users subgraph. */
  client: (lead: LeadRecord) => ({ id: lead.clientId.toHexString() }),
  hiredPro: (lead: LeadRecord) => (lead.hiredProId == null ? null : { id: lead.hiredProId.toHexString() }),
  /** The hired response: only its participants see it (null for anyone else). */
  hiredResponse: (async (lead, _args, ctx) => {
    if (lead.hiredResponseId == null) return null;
    const response = await ctx.loaders.responseById.load(lead.hiredResponseId.toHexString());
    return response !== null && ctx.access.isParticipant(response) ? response : null;
  }) as FieldResolver<LeadRecord>,
};
