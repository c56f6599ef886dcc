import { describe, expect, it } from 'vitest';
import { startMailCatcher, type CaughtMail } from '../src/index.ts';
import { catcher, portOf, transportTo } from './helpers.ts';

const mail = (to: string, subject: string) => ({ to, subject, text: `text for ${to}`, html: `<p>html for ${to}</p>` });

async function getJson<T>(url: string): Promise<{ status: number; body: T }> {
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as T };
}

describe('mail catcher', () => {
  it('keeps received mails and serves them newest first as JSON and HTML', async () => {
    const c = await catcher();
    const transport = transportTo(c.smtpUrl);
    await transport.send(mail('ann@example.test', 'First <b>bold</b> & "quoted"'));
    await transport.send(mail('bo@example.test', 'Second'));

    expect(c.smtpUrl).toMatch(/^smtp:\/\/127\.0\.0\.1:\d+$/);
    expect(c.httpUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(c.messages().map((m) => m.subject)).toEqual(['Second', 'First <b>bold</b> & "quoted"']);
    const [latest] = c.messages();
    expect(latest).toMatchObject({
      id: 2,
      envelope: { from: 'no-reply@leadgraph.test', to: ['bo@example.test'] },
      from: '"leadgraph" <no-reply@leadgraph.test>',
      text: 'text for bo@example.test',
      html: '<p>html for bo@example.test</p>',
    });

    const all = await getJson<CaughtMail[]>(`${c.httpUrl}/messages`);
    expect(all.status).toBe(200);
    expect(all.body.map((m) => m.id)).toEqual([2, 1]);

    const forAnn = await getJson<CaughtMail>(`${c.httpUrl}/messages/latest?to=${encodeURIComponent('ANN@example.test')}`);
    expect(forAnn.status).toBe(200);
    expect(forAnn.body.subject).toBe('First <b>bold</b> & "quoted"');
    const nobody = await getJson<{ error: string }>(`${c.httpUrl}/messages/latest?to=nobody@example.test`);
    expect(nobody).toEqual({ status: 404, body: { error: 'NO_MESSAGE' } });

    const page = await fetch(`${c.httpUrl}/`);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await page.text();
    expect(html).toContain('First &lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot;');
    expect(html).not.toContain('<b>bold</b>');
    expect(html.indexOf('Second')).toBeLessThan(html.indexOf('First'));

    expect((await fetch(`${c.httpUrl}/nope`)).status).toBe(404);
  });

  it('clears mails through clear() and DELETE /messages', async () => {
    const c = await catcher();
    const transport = transportTo(c.smtpUrl);
    await transport.send(mail('cy@example.test', 'One'));
    c.clear();
    expect(c.messages()).toEqual([]);
    await transport.send(mail('cy@example.test', 'Two'));
    expect((await fetch(`${c.httpUrl}/messages`, { method: 'DELETE' })).status).toBe(204);
    expect(c.messages()).toEqual([]);
  });

  it('fails to start on a port in use, and frees its ports on stop', async () => {
    const first = await catcher();
    await expect(startMailCatcher({ smtpPort: portOf(first.smtpUrl), httpPort: 0 })).rejects.toThrow(/EADDRINUSE/);
    await first.stop();
    const again = await catcher(portOf(first.smtpUrl));
    expect(again.smtpUrl).toBe(first.smtpUrl);
  });
});
