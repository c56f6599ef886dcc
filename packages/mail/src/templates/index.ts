import { disputeUpdate } from './dispute-update.ts';
import { hired } from './hired.ts';
import { leadCreated } from './lead-created.ts';
import { leadTaken } from './lead-taken.ts';
import { marketing } from './marketing.ts';
import { newMessage } from './new-message.ts';
import { newResponse } from './new-response.ts';
import { passwordReset } from './password-reset.ts';
import { payoutAccountChanged } from './payout-account-changed.ts';
import { privacyCode } from './privacy-code.ts';
import type { RenderedMail, Template } from './render.ts';
import { requestUpdate } from './request-update.ts';
import { welcomeVerify } from './welcome-verify.ts';

/** Every mail the platform sends, by the name stored on the outbox message (all service mails, but `marketing`). */
export const templates = {
  'welcome-verify': welcomeVerify,
  'password-reset': passwordReset,
  'lead-created': leadCreated,
  'new-response': newResponse,
  hired,
  'new-message': newMessage,
  'lead-taken': leadTaken,
  'request-update': requestUpdate,
  'dispute-update': disputeUpdate,
  'payout-account-changed': payoutAccountChanged,
  'privacy-code': privacyCode,
  marketing,
} as const;

export type TemplateName = keyof typeof templates;
export type TemplateData<N extends TemplateName> =
  (typeof templates)[N] extends Template<infer D> ? D : never;

export const TEMPLATE_NAMES = Object.keys(templates) as TemplateName[];

export function isTemplateName(name: string): name is TemplateName {
  return Object.hasOwn(templates, name);
}

/** Renders a template by name with its typed data. */
export function renderTemplate<N extends TemplateName>(name: N, data: TemplateData<N>): RenderedMail {
  const render = templates[name] as Template<TemplateData<N>>;
  return render(data);
}

export type { RenderedMail, Template };
export { PRODUCT_NAME } from './render.ts';
export { PASSWORD_RESET_VALID_MINUTES } from './password-reset.ts';
export { PRIVACY_CODE_VALID_MINUTES } from './privacy-code.ts';
