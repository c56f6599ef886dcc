import { PRODUCT_NAME, renderMail, type Template } from './render.ts';

export interface MarketingData {
  name?: string;
  /** The campaign's subject, as the admin wrote it. */
  subject: string;
  /** The campaign's text, as the admin wrote it: plain text, paragraphs separated by blank lines. */
  body: string;
  /**
   * The recipient's own signed unsubscribe link (absolute http(s)): in the footer, and in the
   * `List-Unsubscribe` header with `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058),
   * so mail clients can offer one-click unsubscription.
   */
  unsubscribeUrl: string;
}

/** At most this many paragraphs from the body (a campaign is short; the rest is dropped). */
const MAX_PARAGRAPHS = 50;

/**
 * A marketing message: sent only to people who consented to marketing. Not a service message,
 * so it says why the person receives it, and the unsubscribe link is always there (footer and
 * headers): the template cannot be rendered without one.
 */
export const marketing: Template<MarketingData> = (data) => {
  const rendered = renderMail({
    subject: data.subject,
    heading: data.subject,
    paragraphs: [
      ...(data.name ? [`Hi ${data.name},`] : []),
      ...data.body
        .split(/\r?\n\s*\r?\n/)
        .map((paragraph) => paragraph.trim())
        .filter((paragraph) => paragraph !== '')
        .slice(0, MAX_PARAGRAPHS),
    ],
    footer: `You receive this email because you agreed to receive news and offers from ${PRODUCT_NAME}. It is not a service message: you can stop these emails at any time, in one click, without signing in.`,
    footerLink: { label: 'Unsubscribe from marketing emails', url: data.unsubscribeUrl },
  });
  // renderMail checked the link (absolute http(s)); a URL has no line breaks, so the header cannot be split.
  const url = new URL(data.unsubscribeUrl).toString();
  return { ...rendered, headers: { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } };
};
