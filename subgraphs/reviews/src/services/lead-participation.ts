import type { ServiceClient } from '@leadgraph/service-kit';

/** What the leads subgraph says about a lead (contract C3). */
export interface LeadParticipation {
  leadId: string;
  status: 'OPEN' | 'HIRED' | 'COMPLETED' | 'CLOSED' | 'EXPIRED';
  clientId: string;
  hiredProId: string | null;
  completedAt: string | null;
}

/** Where the services ask about a lead; null for an unknown lead. */
export type LeadParticipationSource = (leadId: string) => Promise<LeadParticipation | null>;

const QUERY = `query LeadParticipation($leadId: ID!) {
  leadParticipation(leadId: $leadId) { leadId status clientId hiredProId completedAt }
}`;

/** C3 over a service call to the leads subgraph; a failed call is `SERVICE_UNAVAILABLE`. */
export function leadParticipationFromPeer(client: ServiceClient): LeadParticipationSource {
  return async (leadId) => {
    const data = await client.query<{ leadParticipation: LeadParticipation | null }>('leads', QUERY, { leadId });
    return data.leadParticipation;
  };
}
