import { FOOTER, greeting, renderMail, type Template } from './render.ts';

export interface RequestUpdateData {
  name?: string;
  /** The data-subject request's new status, e.g. RECEIVED, VERIFYING, IN_PROGRESS, COMPLETED, REJECTED, EXTENDED. */
  requestStatus: string;
  requestUrl: string;
}

/** What each status means for the person who made the request; unknown statuses get a neutral line. */
const MEANING: Record<string, string> = {
  RECEIVED: 'We received your request and will answer within one month.',
  VERIFYING: 'Before we act on it, we need to confirm that the request comes from you. Please follow the steps on the request page.',
  IN_PROGRESS: 'We are working on your request.',
  COMPLETED: 'Your request has been completed. The details are on the request page.',
  REJECTED: 'We could not carry out your request. The reason and how to contest it are on the request page.',
  EXTENDED: 'Your request needs more time than usual. The law allows up to two further months; the new deadline is on the request page.',
  LIFTED: 'Your restriction or objection has been lifted: your data is processed again as described in our privacy policy. The reason is on the request page.',
};

/** Sent when a privacy (data-subject) request changes status. */
export const requestUpdate: Template<RequestUpdateData> = (data) =>
  renderMail({
    subject: 'An update on your privacy request',
    heading: 'Your privacy request',
    paragraphs: [
      greeting(data.name),
      `Status: ${data.requestStatus}.`,
      MEANING[data.requestStatus] ?? 'Your request has a new status; the details are on the request page.',
    ],
    action: { label: 'View my request', url: data.requestUrl },
    footer: FOOTER,
  });
