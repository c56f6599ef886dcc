import type { Identity } from '@leadgraph/identity';
import { leadProKey, type Loaders } from '../loaders.ts';
import type { LeadRecord } from '../models/lead.ts';
import type { ResponseRecord } from '../models/response.ts';
import { leadMatchesPro } from './matching.ts';

/**
 * Who may see a lead: its client, admins, pros who responded to it, and, while it is OPEN,
 * pros it matches (contract C1). Everyone else is treated exactly as for a missing lead.
 * Decisions are cached per request (the same lead asked about twice costs nothing).
 */
export interface LeadAccess {
  mayRead(lead: LeadRecord): Promise<boolean>;
  /** The same, by id (for nested objects that carry only `leadId`): false for an unknown lead. */
  mayReadById(leadId: string): Promise<boolean>;
  /** Whether the caller is one of the response's two participants (the lead's client or the pro). */
  isParticipant(response: Pick<ResponseRecord, 'clientId' | 'proId'>): boolean;
}

export function createLeadAccess(identity: Identity, loaders: Loaders): LeadAccess {
  const cache = new Map<string, Promise<boolean>>();
  const userId = identity.userId;

  async function decide(lead: LeadRecord): Promise<boolean> {
    if (userId === null) return false;
    if (identity.role === 'admin') return true;
    if (lead.clientId.toHexString() === userId) return true;
    if (identity.role !== 'pro') return false;
    const leadId = lead._id.toHexString();
    if ((await loaders.responseByLeadAndPro.load(leadProKey(leadId, userId))) !== null) return true;
    if (lead.status !== 'OPEN') return false;
    const profile = await loaders.matchProfile.load(userId);
    return profile !== null && leadMatchesPro(lead, profile);
  }

  const access: LeadAccess = {
    mayRead(lead) {
      const key = lead._id.toHexString();
      let decided = cache.get(key);
      if (decided === undefined) {
        decided = decide(lead);
        cache.set(key, decided);
      }
      return decided;
    },
    async mayReadById(leadId) {
      const lead = await loaders.leadById.load(leadId);
      return lead !== null && access.mayRead(lead);
    },
    isParticipant(response) {
      return userId !== null && (response.clientId.toHexString() === userId || response.proId.toHexString() === userId);
    },
  };
  return access;
}
