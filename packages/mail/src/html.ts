/** Escapes a value for HTML text and double-quoted attribute contexts. */
export function escapeHtml(value: unknown): string {
  return String(value)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** Tagged template that HTML-escapes every interpolated value; nest with `trusted()`. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): TrustedHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += value instanceof TrustedHtml ? value.value : escapeHtml(value);
    out += strings[i + 1] ?? '';
  });
  return new TrustedHtml(out);
}

/** Markup already built by `html` (and so already escaped). */
export class TrustedHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/**
 * A link a template puts in a mail: only absolute http(s) URLs, so a `javascript:` or
 * relative value given by a caller can never end up in an href.
 */
export function safeLink(url: string): string {
  const parsed = new URL(url);
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new Error(`mail links must be http(s), got ${parsed.protocol}`);
  }
  return parsed.toString();
}

/** The shared frame of every service mail: a heading, paragraphs, an optional button. */
export function layout(options: {
  heading: string;
  paragraphs: readonly string[];
  action?: { label: string; url: string };
  footer?: string;
  footerLink?: { label: string; url: string };
}): string {
  const body = options.paragraphs.map((p) => html`<p>${p}</p>`);
  const action = options.action
    ? html`<p><a href="${options.action.url}" style="display:inline-block;padding:10px 16px;background:#1f6feb;color:#ffffff;text-decoration:none;border-radius:4px">${options.action.label}</a></p>
<p style="font-size:12px;color:#555555">${options.action.url}</p>`
    : html``;
  const footer = options.footer ? html`<p style="font-size:12px;color:#555555">${options.footer}</p>` : html``;
  const footerLink = options.footerLink
    ? html`<p style="font-size:12px;color:#555555"><a href="${options.footerLink.url}" style="color:#555555">${options.footerLink.label}</a>: ${options.footerLink.url}</p>`
    : html``;
  return html`<!doctype html>
<html><body style="font-family:Arial,sans-serif;color:#111111;max-width:560px">
<h1 style="font-size:20px">${options.heading}</h1>
${new TrustedHtml(body.map(String).join('\n'))}
${action}
${footer}
${footerLink}
</body></html>`.value;
}

/** The plain-text twin of `layout`. */
export function textLayout(options: {
  heading: string;
  paragraphs: readonly string[];
  action?: { label: string; url: string };
  footer?: string;
  footerLink?: { label: string; url: string };
}): string {
  const parts = [options.heading, '', ...options.paragraphs.flatMap((p) => [p, ''])];
  if (options.action) parts.push(`${options.action.label}: ${options.action.url}`, '');
  if (options.footer) parts.push(options.footer, '');
  if (options.footerLink) parts.push(`${options.footerLink.label}: ${options.footerLink.url}`, '');
  return parts.join('\n');
}
