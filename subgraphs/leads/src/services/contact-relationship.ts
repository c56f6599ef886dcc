import type { Identity } from '@leadgraph/identity';
import type { Types } from 'mongoose';
import type { LeadAccess } from './lead-access.ts';

/** What the Lead resolvers attach to each nested part (place, detail, contact) for this check. */
export interface LeadLink {
  leadId: string;
  hiredProId: string | null;
  status: string;
}

/** A lead record (`_id`) or one of its parts (`LeadLink`). */
type LeadPart = Partial<LeadLink> & { _id?: Types.ObjectId };

/** While the hired pro sees the client's contact details in clear. */
const CONTACT_STATUSES = new Set(['HIRED', 'COMPLETED']);

/**
 * The privacy-kit `relationship` for this subgraph: asked only for a signed-in caller who is
 * not the data subject and not an admin.
 * - `LeadContact`: only the pro hired on that lead, while it is HIRED or COMPLETED. Every
 *   other pro who may see the lead gets masked email, phone and address (city only).
 * - `Lead`, `LeadPlace`, `LeadDetail`: the pros who may see the lead (matched while OPEN, or
 *   who responded) read its description, place and details in clear; these reads are logged.
 * - Responses and messages: never (only their two participants, the subjects, see them).
 */
export async function contactRelationship(identity: Identity, access: LeadAccess, typeName: string, parent: unknown): Promise<boolean> {
  const part = parent as LeadPart;
  switch (typeName) {
    case 'LeadContact':
      return (
        identity.role === 'pro' &&
        part.hiredProId != null &&
        part.hiredProId === identity.userId &&
        CONTACT_STATUSES.has(part.status ?? '')
      );
    case 'Lead':
      return part._id !== undefined && access.mayReadById(part._id.toHexString());
    case 'LeadPlace':
    case 'LeadDetail':
      return part.leadId !== undefined && access.mayReadById(part.leadId);
    default:
      return false;
  }
}
