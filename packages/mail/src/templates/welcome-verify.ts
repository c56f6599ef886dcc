import { FOOTER, PRODUCT_NAME, greeting, renderMail, type Template } from './render.ts';

export interface WelcomeVerifyData {
  /** The account holder's display name, if known. */
  name?: string;
  /** Absolute link that confirms the email address (carries a one-time token). */
  verifyUrl: string;
}

/** Sent right after sign-up: welcomes the user and asks them to confirm their address. */
export const welcomeVerify: Template<WelcomeVerifyData> = (data) =>
  renderMail({
    subject: `Welcome to ${PRODUCT_NAME}: confirm your email address`,
    heading: `Welcome to ${PRODUCT_NAME}`,
    paragraphs: [
      greeting(data.name),
      'Thanks for creating an account. Please confirm that this email address is yours so we can send you service messages about your leads and responses.',
      'If you did not create an account, you can ignore this email and no account will be activated.',
    ],
    action: { label: 'Confirm my email address', url: data.verifyUrl },
    footer: FOOTER,
  });
