import type { LeadRecord } from '../models/lead.ts';
import type { DisputeRecord } from '../models/dispute.ts';
import type { Notifier } from '../notifications/notifier.ts';

/**
 * Tells both parties that their dispute moved (DISPUTE_UPDATE, contract C2): ids, the lead's
 * title and the new status only, never the dispute's texts. Through the notifier, so a users
 * outage delays the mail and loses nothing. The key names the move (`history` position), so a
 * retried request never mails twice for the same step.
 */
export async function notifyDisputeParties(notifier: Notifier, dispute: DisputeRecord, lead: Pick<LeadRecord, 'title'> | null): Promise<void> {
  const step = dispute.history.length;
  await notifier.notify(
    [dispute.clientId, dispute.proId].map((recipient) => ({
      recipientId: recipient.toHexString(),
      kind: 'DISPUTE_UPDATE' as const,
      leadId: dispute.leadId.toHexString(),
      leadTitle: lead?.title ?? 'your request',
      disputeId: dispute._id.toHexString(),
      disputeStatus: dispute.status,
      dedupeKey: `dispute-update:${dispute._id.toHexString()}:${step}`,
    })),
  );
}
