import { FOOTER, greeting, renderMail, type Template } from './render.ts';

export interface DisputeUpdateData {
  /** The party's display name. */
  name?: string;
  leadTitle: string;
  /** The dispute's new status: OPEN, UNDER_REVIEW, AWAITING_PARTIES, RESOLVED, REJECTED, WITHDRAWN. */
  disputeStatus: string;
  disputeUrl: string;
}

/**
 * What each status means for a party. The dispute's texts (reason, questions, answers, the
 * decision) are never copied into the mail: the party reads them signed in, on the dispute page.
 */
const MEANING: Record<string, string> = {
  OPEN: 'A dispute has been opened about this request. Our team will look at it; you can follow it on the dispute page.',
  UNDER_REVIEW: 'Our team is reviewing the dispute.',
  AWAITING_PARTIES: 'Our team has a question about the dispute. Please answer it on the dispute page.',
  RESOLVED: 'The dispute has been decided. The outcome and its explanation are on the dispute page.',
  REJECTED: 'The dispute has been closed without a decision on the merits. The explanation is on the dispute page.',
  WITHDRAWN: 'The dispute has been withdrawn by the person who opened it.',
};

/** Sent to both parties of a dispute at each step (contract C2 DISPUTE_UPDATE). */
export const disputeUpdate: Template<DisputeUpdateData> = (data) =>
  renderMail({
    subject: `An update on the dispute about "${data.leadTitle}"`,
    heading: 'Your dispute',
    paragraphs: [
      greeting(data.name),
      `Status: ${data.disputeStatus}.`,
      MEANING[data.disputeStatus] ?? 'The dispute has a new status; the details are on the dispute page.',
    ],
    action: { label: 'View the dispute', url: data.disputeUrl },
    footer: FOOTER,
  });
