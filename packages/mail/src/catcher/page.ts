import { escapeHtml } from '../html.ts';
import type { CaughtMail } from './store.ts';

/** The catcher's index page: received mails, newest first, every value escaped. */
export function renderCatcherPage(mails: readonly CaughtMail[]): string {
  const rows = mails
    .map(
      (m) => `<article>
<h2>${escapeHtml(m.subject || '(no subject)')}</h2>
<p class="meta">#${m.id} · ${escapeHtml(m.receivedAt)} · from ${escapeHtml(m.from)} · to ${escapeHtml(m.envelope.to.join(', '))}</p>
<pre>${escapeHtml(m.text)}</pre>
</article>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>leadgraph mail catcher</title>
<style>body{font-family:system-ui,sans-serif;max-width:860px;margin:2rem auto;padding:0 1rem}
article{border-top:1px solid #ccc;padding:.5rem 0}.meta{color:#555;font-size:.85rem}
pre{white-space:pre-wrap;background:#f6f6f6;padding:.5rem}</style></head>
<body><h1>Mail catcher</h1>
<p>${mails.length} message(s), newest first. JSON: <a href="/messages">/messages</a>, <code>/messages/latest?to=address</code>.</p>
${rows || '<p>No mail received yet.</p>'}
</body></html>`;
}
