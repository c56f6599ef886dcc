import { FOOTER, PRODUCT_NAME, greeting, renderMail, type Template } from './render.ts';

/** How long a password reset link stays valid; the accounts service issues tokens to match. */
export const PASSWORD_RESET_VALID_MINUTES = 60;

export interface PasswordResetData {
  name?: string;
  /** Absolute one-time link that opens the reset form; valid for one hour. */
  resetUrl: string;
}

/** Sent when someone asks to reset the password of an account. */
export const passwordReset: Template<PasswordResetData> = (data) =>
  renderMail({
    subject: `Reset your ${PRODUCT_NAME} password`,
    heading: 'Reset your password',
    paragraphs: [
      greeting(data.name),
      'We received a request to reset the password of your account. Use the link below to choose a new one.',
      `The link works once and expires in ${PASSWORD_RESET_VALID_MINUTES} minutes (one hour).`,
      'If you did not ask for this, ignore this email: your password stays unchanged.',
    ],
    action: { label: 'Choose a new password', url: data.resetUrl },
    footer: FOOTER,
  });
