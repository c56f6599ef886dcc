import { FOOTER, greeting, renderMail, type Template } from './render.ts';

export interface LeadCreatedData {
  name?: string;
  /** The lead's title as the client wrote it. */
  leadTitle: string;
  leadUrl: string;
}

/** Sent to a client when their lead is published (stub wording, ready for the leads service). */
export const leadCreated: Template<LeadCreatedData> = (data) =>
  renderMail({
    subject: `Your lead "${data.leadTitle}" is live`,
    heading: 'Your lead is live',
    paragraphs: [
      greeting(data.name),
      `Your lead "${data.leadTitle}" has been published. Pros in its category and area can now respond; we will email you when they do.`,
    ],
    action: { label: 'View my lead', url: data.leadUrl },
    footer: FOOTER,
  });
