import { FOOTER, greeting, renderMail, type Template } from './render.ts';

export interface NewResponseData {
  name?: string;
  leadTitle: string;
  /** The responding pro's public display name. */
  proName: string;
  responseUrl: string;
}

/** Sent to a client when a pro responds to their lead. The response text stays on the platform. */
export const newResponse: Template<NewResponseData> = (data) =>
  renderMail({
    subject: `${data.proName} responded to "${data.leadTitle}"`,
    heading: 'A pro responded to your request',
    paragraphs: [
      greeting(data.name),
      `${data.proName} responded to your request "${data.leadTitle}".`,
      'Read their response, look at their profile and reviews, and message them on the platform. If they are the right fit, hire them from the request page.',
    ],
    action: { label: 'Read the response', url: data.responseUrl },
    footer: FOOTER,
  });
