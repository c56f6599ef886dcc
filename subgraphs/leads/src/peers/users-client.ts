import type { ServiceClient } from '@leadgraph/service-kit';
import type { LeadCategoryName } from '../models/lead.ts';
import type { NotificationKind } from '../models/pending-notification.ts';

/** A pro's matching profile from the users subgraph (contract C1). */
export interface ProMatchProfile {
  proId: string;
  /** Verified, active, not restricted: only then matched to leads. */
  matchable: boolean;
  categories: LeadCategoryName[];
  serviceAreas: Array<{ countryCode: string; postalPrefix: string }>;
}

/** A service message for the users subgraph to mail (contract C2). Ids and a title only. */
export interface ServiceMessage {
  recipientId: string;
  kind: NotificationKind;
  leadId?: string | null;
  leadTitle?: string | null;
  counterpartId?: string | null;
  /** DISPUTE_UPDATE: the dispute (its page link) and its new status. */
  disputeId?: string | null;
  disputeStatus?: string | null;
  dedupeKey: string;
}

/** What this subgraph asks of the users subgraph. */
export interface UsersPeer {
  /** Profiles of these pros; unknown ids are absent. */
  proMatchProfiles(ids: readonly string[]): Promise<ProMatchProfile[]>;
  /** True when queued, false when the recipient has no active account. Throws SERVICE_UNAVAILABLE. */
  sendServiceMessage(message: ServiceMessage): Promise<boolean>;
}

const PRO_MATCH_PROFILES = /* GraphQL */ `
  query LeadsProMatchProfiles($ids: [ID!]!) {
    proMatchProfiles(ids: $ids) { proId matchable categories serviceAreas { countryCode postalPrefix } }
  }
`;

const SEND_SERVICE_MESSAGE = /* GraphQL */ `
  mutation LeadsSendServiceMessage($input: ServiceMessageInput!) { sendServiceMessage(input: $input) }
`;

/** The users peer over a service client (signed service identity, direct to the users subgraph). */
export function usersPeer(client: ServiceClient): UsersPeer {
  return {
    async proMatchProfiles(ids) {
      if (ids.length === 0) return [];
      const data = await client.query<{ proMatchProfiles: ProMatchProfile[] }>('users', PRO_MATCH_PROFILES, { ids });
      return data.proMatchProfiles;
    },
    async sendServiceMessage(message) {
      const input = Object.fromEntries(Object.entries(message).filter(([, v]) => v !== null && v !== undefined));
      const data = await client.query<{ sendServiceMessage: boolean }>('users', SEND_SERVICE_MESSAGE, { input });
      return data.sendServiceMessage;
    },
  };
}
