import { describe, expect, it } from 'vitest';
import {
  PASSWORD_RESET_VALID_MINUTES,
  TEMPLATE_NAMES,
  escapeHtml,
  isTemplateName,
  renderTemplate,
  type TemplateData,
  type TemplateName,
} from '../src/index.ts';

const hostile = `<script>alert("x")</script> & 'quoted'`;

/** One sample per template, every free-text field hostile. */
const samples: { [N in TemplateName]: TemplateData<N> } = {
  'welcome-verify': { name: hostile, verifyUrl: 'https://app.test/verify?token=abc&u=1' },
  'password-reset': { name: hostile, resetUrl: 'https://app.test/reset?token=def' },
  'lead-created': { name: hostile, leadTitle: hostile, leadUrl: 'https://app.test/leads/1' },
  'new-response': { name: hostile, leadTitle: hostile, proName: hostile, responseUrl: 'https://app.test/r/2' },
  hired: { name: hostile, leadTitle: hostile, leadUrl: 'https://app.test/leads/3' },
  'new-message': { name: hostile, senderName: hostile, leadTitle: hostile, conversationUrl: 'https://app.test/c/4' },
};

describe('escapeHtml', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

describe('templates', () => {
  it('registers the six service mails', () => {
    expect(TEMPLATE_NAMES).toEqual([
      'welcome-verify',
      'password-reset',
      'lead-created',
      'new-response',
      'hired',
      'new-message',
    ]);
    expect(isTemplateName('hired')).toBe(true);
    expect(isTemplateName('toString')).toBe(false);
  });

  it.each(TEMPLATE_NAMES)('%s escapes every interpolated value in HTML', (name) => {
    const mail = renderTemplate(name, samples[name] as never);
    expect(mail.subject.length).toBeGreaterThan(0);
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39;');
    // The plain-text body carries the value as written: it is not HTML.
    expect(mail.text).toContain(hostile);
  });

  it('welcome-verify links to the verification URL, escaped in the href', () => {
    const mail = renderTemplate('welcome-verify', { name: 'Ann', verifyUrl: 'https://app.test/verify?token=abc&u=1' });
    expect(mail.html).toContain('href="https://app.test/verify?token=abc&amp;u=1"');
    expect(mail.text).toContain('https://app.test/verify?token=abc&u=1');
    expect(mail.text).toContain('Hi Ann,');
  });

  it('password-reset carries the one-time link and says it lasts one hour', () => {
    const mail = renderTemplate('password-reset', { resetUrl: 'https://app.test/reset?token=def' });
    expect(PASSWORD_RESET_VALID_MINUTES).toBe(60);
    expect(mail.html).toContain('href="https://app.test/reset?token=def"');
    expect(mail.text).toContain('https://app.test/reset?token=def');
    expect(mail.text).toContain('expires in 60 minutes');
    expect(mail.text).toContain('Hi,');
  });

  it('refuses links that are not absolute http(s)', () => {
    expect(() => renderTemplate('welcome-verify', { verifyUrl: 'javascript:alert(1)' })).toThrow(/http/);
    expect(() => renderTemplate('password-reset', { resetUrl: '/relative' })).toThrow();
  });

  it('keeps line breaks out of the subject', () => {
    const mail = renderTemplate('lead-created', {
      leadTitle: 'Trip\r\nBcc: victim@example.test',
      leadUrl: 'https://app.test/leads/1',
    });
    expect(mail.subject).not.toMatch(/[\r\n]/);
  });
});
