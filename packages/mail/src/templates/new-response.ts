import { FOOTER, greeting, renderMail, type Template } from './render.ts';

export interface NewResponseData {
  name?: string;
  leadTitle: string;
  /** The responding pro's public display name. */
  proName: string;
  responseUrl: string;
}

/** Sent to a client when a pro responds to their lead (stub wording). */
export const newResponse: Template<NewResponseData> = (data) =>
  renderMail({
    subject: `New response to "${data.leadTitle}"`,
    heading: 'A pro responded to your lead',
    paragraphs: [
      greeting(data.name),
      `${data.proName} responded to your lead "${data.leadTitle}".`,
    ],
    action: { label: 'Read the response', url: data.responseUrl },
    footer: FOOTER,
  });
