import { FOOTER, greeting, renderMail, type Template } from './render.ts';

export interface LeadCreatedData {
  name?: string;
  /** The lead's title as the client wrote it. */
  leadTitle: string;
  leadUrl: string;
}

/** Sent to a client when their lead is published and matched pros can see it. */
export const leadCreated: Template<LeadCreatedData> = (data) =>
  renderMail({
    subject: `Your request "${data.leadTitle}" is live`,
    heading: 'Your request is live',
    paragraphs: [
      greeting(data.name),
      `Your request "${data.leadTitle}" is now visible to verified pros who work in its category and area.`,
      'We will email you each time a pro responds. Your contact details stay hidden until you choose a pro.',
      'You can edit or close the request at any time from its page.',
    ],
    action: { label: 'View my request', url: data.leadUrl },
    footer: FOOTER,
  });
