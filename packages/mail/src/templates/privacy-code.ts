import { FOOTER, greeting, renderMail, type Template } from './render.ts';

/** How long a privacy request code stays valid; the users subgraph issues codes to match. */
export const PRIVACY_CODE_VALID_MINUTES = 15;

export interface PrivacyCodeData {
  name?: string;
  /** The one-time code (8 digits) that confirms the request comes from the account's owner. */
  code: string;
  /** The page where the code is entered with the request. */
  requestUrl: string;
}

/**
 * Sent when someone who cannot sign in (lost password, closed account) asks to make a privacy
 * (data-subject) request for this address: the code proves they hold the mailbox.
 */
export const privacyCode: Template<PrivacyCodeData> = (data) =>
  renderMail({
    subject: 'Your code for a privacy request',
    heading: 'Confirm your privacy request',
    paragraphs: [
      greeting(data.name),
      'Someone asked to make a privacy request (a copy of your data, its erasure, a restriction…) for the account of this address without signing in.',
      `Your code: ${data.code}`,
      `Enter it with your request. It works once and expires in ${PRIVACY_CODE_VALID_MINUTES} minutes.`,
      'If you did not ask for this, ignore this email: nothing happens without the code.',
    ],
    action: { label: 'Make my request', url: data.requestUrl },
    footer: FOOTER,
  });
