import { FOOTER, greeting, renderMail, type Template } from './render.ts';

export interface LeadTakenData {
  /** The pro's display name. */
  name?: string;
  leadTitle: string;
  leadUrl: string;
}

/** Sent to the pros who responded to a lead when the client hired someone else. */
export const leadTaken: Template<LeadTakenData> = (data) =>
  renderMail({
    subject: `"${data.leadTitle}" has been filled`,
    heading: 'This request has been filled',
    paragraphs: [
      greeting(data.name),
      `The client of "${data.leadTitle}" hired another pro. Thank you for responding.`,
      'The request is closed, so no further responses are possible. New requests in your categories and areas keep coming: we will let you know.',
    ],
    action: { label: 'See the request', url: data.leadUrl },
    footer: FOOTER,
  });
