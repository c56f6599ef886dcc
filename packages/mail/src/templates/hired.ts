import { FOOTER, greeting, renderMail, type Template } from './render.ts';

export interface HiredData {
  /** The pro's display name. */
  name?: string;
  leadTitle: string;
  leadUrl: string;
}

/** Sent to a pro when a client accepts their response (stub wording). */
export const hired: Template<HiredData> = (data) =>
  renderMail({
    subject: `You were hired for "${data.leadTitle}"`,
    heading: 'You were hired',
    paragraphs: [
      greeting(data.name),
      `The client accepted your response to "${data.leadTitle}". Their contact details are now visible on the lead.`,
    ],
    action: { label: 'Open the lead', url: data.leadUrl },
    footer: FOOTER,
  });
