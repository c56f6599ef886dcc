import type { ServiceClient } from '@leadgraph/service-kit';

/** Most ids the privacy subgraph takes in one call (`processingRestricted`, `consentDecisions`). */
export const PRIVACY_BATCH = 500;

/** Where a consent change recorded on a person's behalf came from (privacy's `ConsentSource`). */
export type ConsentChangeSource = 'EMAIL_LINK';

/** The rights a request filed with a mailed code may exercise (privacy's `DataSubjectRequestKind`). */
export type VerifiedRequestKind = 'ACCESS' | 'RECTIFICATION' | 'ERASURE' | 'RESTRICTION' | 'OBJECTION' | 'CONSENT_WITHDRAWAL';

/**
 * What the users subgraph asks the privacy subgraph (docs/decisions/0005): who must be left out
 * of matching and marketing, who consented to marketing, and withdrawing that consent when a
 * person follows an unsubscribe link. Ids only travel; a failed call is `SERVICE_UNAVAILABLE`
 * (callers fail closed: nobody is matched or mailed on a guess).
 */
export interface PrivacyPeer {
  /** The ids, among those given, with a RESTRICTION or OBJECTION request standing. */
  restrictedIds(userIds: readonly string[]): Promise<Set<string>>;
  /** The ids, among those given, whose MARKETING consent is granted now. */
  marketingConsentIds(userIds: readonly string[]): Promise<Set<string>>;
  /** Records the withdrawal of MARKETING consent for a user, like any consent change. */
  withdrawMarketingConsent(userId: string, source: ConsentChangeSource): Promise<void>;
  /** Records a security event about a user (e.g. `PAYOUT_ACCOUNT_CHANGED`) in their technical data (kept 12 months). */
  recordSecurityEvent(input: { userId: string; event: string; clientIp: string | null }): Promise<void>;
  /** Files a data-subject request for a user whose identity was verified by a mailed code (EMAIL_CODE). */
  fileVerifiedRequest(input: { subjectId: string; kind: VerifiedRequestKind; details: string | null }): Promise<{ id: string; kind: VerifiedRequestKind; status: string }>;
}

const RESTRICTED = `query ($ids: [ID!]!) { processingRestricted(userIds: $ids) { userId restricted } }`;
const CONSENT = `query ($ids: [ID!]!) { consentDecisions(userIds: $ids, purpose: MARKETING) { userId granted } }`;
const SECURITY_EVENT = `mutation ($input: RecordSecurityEventInput!) { recordSecurityEvent(input: $input) }`;
const FILE_VERIFIED = `mutation ($input: FileVerifiedDataSubjectRequestInput!) { fileVerifiedDataSubjectRequest(input: $input) { id kind status } }`;
const WITHDRAW = `mutation ($input: WithdrawConsentInput!) { withdrawConsent(input: $input) { userId granted } }`;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Asks in batches of `PRIVACY_BATCH`, one after another, and gathers the ids whose answer says yes. */
async function idsWhere<Row extends { userId: string }>(
  userIds: readonly string[],
  ask: (batch: string[]) => Promise<Row[]>,
  yes: (row: Row) => boolean,
): Promise<Set<string>> {
  const found = new Set<string>();
  for (const batch of chunks([...new Set(userIds)], PRIVACY_BATCH)) {
    for (const row of await ask(batch)) if (yes(row)) found.add(row.userId);
  }
  return found;
}

export function privacyPeer(client: ServiceClient): PrivacyPeer {
  return {
    restrictedIds: (userIds) =>
      idsWhere(
        userIds,
        async (ids) =>
          (await client.query<{ processingRestricted: Array<{ userId: string; restricted: boolean }> }>('privacy', RESTRICTED, { ids }))
            .processingRestricted,
        (row) => row.restricted,
      ),
    marketingConsentIds: (userIds) =>
      idsWhere(
        userIds,
        async (ids) => (await client.query<{ consentDecisions: Array<{ userId: string; granted: boolean }> }>('privacy', CONSENT, { ids })).consentDecisions,
        (row) => row.granted,
      ),
    async withdrawMarketingConsent(userId, source) {
      await client.query('privacy', WITHDRAW, { input: { userId, purpose: 'MARKETING', source } });
    },
    async recordSecurityEvent(input) {
      await client.query('privacy', SECURITY_EVENT, { input });
    },
    async fileVerifiedRequest(input) {
      type Filed = { id: string; kind: VerifiedRequestKind; status: string };
      const answer = await client.query<{ fileVerifiedDataSubjectRequest: Filed }>('privacy', FILE_VERIFIED, { input: { ...input, verifiedBy: 'EMAIL_CODE' } });
      return answer.fileVerifiedDataSubjectRequest;
    },
  };
}
