import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Route } from '@leadgraph/http';
import { escapeHtml, PRODUCT_NAME } from '@leadgraph/mail';
import { UsersError } from '../errors.ts';
import { unsubscribe, type UnsubscribeDeps } from './unsubscribe.ts';

/** The methods this route answers: GET/HEAD show the confirmation page, POST unsubscribes. */
const UNSUBSCRIBE_METHODS = ['GET', 'HEAD', 'POST'] as const;

/** Largest POST body read (a one-click POST is `List-Unsubscribe=One-Click`); the rest is dropped. */
const MAX_BODY = 1024;

function page(res: ServerResponse, status: number, title: string, paragraphs: readonly string[], form?: { label: string }): void {
  res.statusCode = status;
  res.setHeader('content-type', 'text/html; charset=utf-8');
  // The token is in the URL: no caching, no referrer, no scripts; the form posts back here only.
  res.setHeader('cache-control', 'no-store');
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'");
  const body = paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n');
  const button = form === undefined ? '' : `<form method="post"><button type="submit">${escapeHtml(form.label)}</button></form>`;
  res.end(
    `<!doctype html>\n<html><head><meta charset="utf-8"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title></head>` +
      `<body style="font-family:Arial,sans-serif;max-width:560px"><h1 style="font-size:20px">${escapeHtml(title)}</h1>\n${body}\n${button}</body></html>`,
  );
}

function drain(req: IncomingMessage): Promise<void> {
  return new Promise((resolve) => {
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) req.destroy();
    });
    req.on('end', resolve);
    req.on('close', resolve);
    req.on('error', resolve);
  });
}

/**
 * `/unsubscribe/<token>`, the link of every marketing mail and of its `List-Unsubscribe` header.
 * GET shows a confirmation page (mail scanners and link previews fetch links: a GET must not
 * unsubscribe); POST unsubscribes, from that page's button or from a mail client's one-click
 * request (RFC 8058, body `List-Unsubscribe=One-Click`). The answer never says whose link it is.
 */
export function unsubscribeRoute(deps: UnsubscribeDeps): Route {
  return {
    prefix: '/unsubscribe/',
    methods: UNSUBSCRIBE_METHODS,
    async handle(req, res, rest) {
      let token: string;
      try {
        token = decodeURIComponent(rest);
      } catch {
        token = '';
      }
      if (req.method !== 'POST') {
        page(res, 200, 'Unsubscribe from marketing emails', [`Do you want to stop receiving news and offers from ${PRODUCT_NAME} by email? Service messages about your account and your leads are not affected.`], {
          label: 'Unsubscribe',
        });
        return;
      }
      await drain(req);
      try {
        await unsubscribe(deps, token);
      } catch (error) {
        if (error instanceof UsersError) {
          page(res, 400, 'This link is not valid', ['Copy the whole link from the email, or change your marketing preferences in your privacy settings.']);
          return;
        }
        deps.logger.warn({ event: 'marketing.unsubscribe_failed', errorName: (error as Error).name }, 'unsubscribe failed');
        page(res, 503, 'Please try again', ['We could not record your choice just now. Please try again in a few minutes.'], { label: 'Try again' });
        return;
      }
      page(res, 200, 'You are unsubscribed', [`You will no longer receive marketing emails from ${PRODUCT_NAME}. You can change this at any time in your privacy settings.`]);
    },
  };
}
