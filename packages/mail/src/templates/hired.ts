import { FOOTER, greeting, renderMail, type Template } from './render.ts';

export interface HiredData {
  /** The pro's display name. */
  name?: string;
  leadTitle: string;
  leadUrl: string;
}

/** Sent to a pro when a client accepts their response. */
export const hired: Template<HiredData> = (data) =>
  renderMail({
    subject: `You were hired for "${data.leadTitle}"`,
    heading: 'Congratulations, you were hired',
    paragraphs: [
      greeting(data.name),
      `The client chose you for "${data.leadTitle}". Their contact details are now shown on the request page, so you can arrange the work together.`,
      'Please use them only for this job. Once it is done, the client can leave a review on your profile.',
    ],
    action: { label: 'Open the request', url: data.leadUrl },
    footer: FOOTER,
  });
