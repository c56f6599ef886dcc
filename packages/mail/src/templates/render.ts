import { layout, safeLink, textLayout } from '../html.ts';

/** What a template produces: stored on the outbox message and sent as is. */
export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
  /**
   * Extra message headers (marketing mails: `List-Unsubscribe`, `List-Unsubscribe-Post`). Names
   * and values come from templates only; line breaks are removed so nothing can add a header.
   */
  headers?: Record<string, string>;
}

/** A template renders typed data into a subject, a plain-text body and an HTML body. */
export type Template<D> = (data: D) => RenderedMail;

export const PRODUCT_NAME = 'leadgraph';

export interface MailContent {
  subject: string;
  heading: string;
  paragraphs: readonly string[];
  action?: { label: string; url: string };
  footer?: string;
  /** A link under the footer (the unsubscribe link of a marketing mail); absolute http(s). */
  footerLink?: { label: string; url: string };
}

/**
 * Builds both bodies from one description, so text and HTML never drift apart. Every value
 * is escaped in the HTML body; the action URL must be absolute http(s); line breaks are
 * removed from the subject so no data can add a header.
 */
export function renderMail(content: MailContent): RenderedMail {
  const action = content.action
    ? { label: content.action.label, url: safeLink(content.action.url) }
    : undefined;
  const footerLink = content.footerLink ? { label: content.footerLink.label, url: safeLink(content.footerLink.url) } : undefined;
  const parts = { ...content, action, footerLink };
  return {
    subject: content.subject.replace(/[\r\n]+/g, ' ').trim(),
    text: textLayout(parts),
    html: layout(parts),
  };
}

/** The greeting line, without a name when none is known. */
export function greeting(name: string | undefined): string {
  return name ? `Hi ${name},` : 'Hi,';
}

export const FOOTER = `You receive this service message because you have a ${PRODUCT_NAME} account.`;
