import { Types } from 'mongoose';
import type { Identity } from '@leadgraph/identity';
import { expiresAtFor } from '../lifecycle/expiry.ts';
import type { LeadModel, LeadRecord } from '../models/lead.ts';
import type { Notifier } from '../notifications/notifier.ts';
import { postLeadInputSchema, postalKey } from './post-lead-input.ts';
import { parseInput } from './validate.ts';

/**
 * A client posts a lead: the input is validated whole before anything is written (one bad
 * field → BAD_USER_INPUT naming it, nothing stored), then one insert, then the LEAD_CREATED
 * mail to the client (stored for retry if the users subgraph is down).
 */
export async function postLead(
  deps: { Lead: LeadModel; notifier: Notifier },
  identity: Identity,
  rawInput: unknown,
  now = new Date(),
): Promise<LeadRecord> {
  const input = parseInput(postLeadInputSchema(now), rawInput);
  const clientId = new Types.ObjectId(identity.userId ?? '');
  const dates =
    input.dates.fixed != null
      ? { kind: 'FIXED' as const, startDate: input.dates.fixed.startDate, endDate: input.dates.fixed.endDate }
      : {
          kind: 'FLEXIBLE' as const,
          earliestDate: input.dates.flexible!.earliestDate,
          latestDate: input.dates.flexible!.latestDate,
          durationDays: input.dates.flexible!.durationDays,
        };
  const { location, destination } = input;
  const doc = await deps.Lead.create({
    clientId,
    category: input.category,
    title: input.title,
    description: input.description,
    status: 'OPEN',
    dates,
    location: { countryCode: location.countryCode, city: location.city, postalCode: location.postalCode, postalKey: postalKey(location.postalCode) },
    ...(destination == null
      ? {}
      : {
          destination: {
            countryCode: destination.countryCode,
            city: destination.city,
            postalCode: destination.postalCode ?? null,
            postalKey: destination.postalCode == null ? null : postalKey(destination.postalCode),
          },
        }),
    budget: input.budget,
    details: input.details,
    contact: { email: input.contact.email, phone: input.contact.phone, address: location.address },
    expiresAt: expiresAtFor(dates as LeadRecord['dates'], now),
    createdAt: now,
  });
  const lead = doc.toObject() as LeadRecord;
  await deps.notifier.notify([
    {
      recipientId: clientId.toHexString(),
      kind: 'LEAD_CREATED',
      leadId: lead._id.toHexString(),
      leadTitle: lead.title,
      dedupeKey: `lead-created:${lead._id.toHexString()}`,
    },
  ]);
  return lead;
}
