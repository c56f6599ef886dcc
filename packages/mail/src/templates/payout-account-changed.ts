import { FOOTER, greeting, renderMail, type Template } from './render.ts';

export interface PayoutAccountChangedData {
  name?: string;
  /** The new account's last 4 characters only (`5432`): never the full number. */
  accountLast4: string;
  /** Where the pro sees and changes their payout details. */
  settingsUrl: string;
}

/**
 * Sent when a pro's payout account is set or replaced: the classic account-takeover move, so the
 * owner hears of it even if it was not them. The number never appears, only its last 4 characters.
 */
export const payoutAccountChanged: Template<PayoutAccountChangedData> = (data) =>
  renderMail({
    subject: 'Your payout account was changed',
    heading: 'Your payout account was changed',
    paragraphs: [
      greeting(data.name),
      `Payouts will now go to the account ending in ${data.accountLast4.replace(/[^0-9A-Za-z]/g, '').slice(-4)}.`,
      'If you made this change, there is nothing more to do.',
      'If you did not, change your password at once and contact support: someone else may have access to your account.',
    ],
    action: { label: 'Review my payout details', url: data.settingsUrl },
    footer: FOOTER,
  });
