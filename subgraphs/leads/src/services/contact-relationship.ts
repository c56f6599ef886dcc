import type { Identity } from '@leadgraph/identity';
import type { Types } from 'mongoose';
import type { LeadAccess } from './lead-access.ts';

/** A nested object of a lead (place, detail, contact) as the Lead resolvers build it. */
interface LeadPart {
  leadId?: Types.ObjectId;
  _id?: Types.ObjectId;
  hiredProId?: Types.ObjectId | null;
  status?: string;
}

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
        part.hiredProId.toHexString() === identity.userId &&
        CONTACT_STATUSES.has(part.status ?? '')
      );
    case 'Lead':
      return part._id !== undefined && access.mayReadById(part._id.toHexString());
    case 'LeadPlace':
    case 'LeadDetail':
      return part.leadId !== undefined && access.mayReadById(part.leadId.toHexString());
    default:
      return false;
  }
}
