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
  'lead-taken': { name: hostile, leadTitle: hostile, leadUrl: 'https://app.test/leads/5' },
  'request-update': { name: hostile, requestStatus: hostile, requestUrl: 'https://app.test/privacy/requests/6' },
  'dispute-update': { name: hostile, leadTitle: hostile, disputeStatus: hostile, disputeUrl: 'https://app.test/leads/7/disputes/8' },
  'payout-account-changed': { name: hostile, accountLast4: '5432', settingsUrl: 'https://app.test/settings/payouts' },
  'privacy-code': { name: hostile, code: '01234567', requestUrl: 'https://app.test/privacy/request' },
  marketing: { name: hostile, subject: 'Spring offers', body: hostile, unsubscribeUrl: 'https://app.test/unsubscribe?token=t1' },
};

describe('escapeHtml', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

describe('templates', () => {
  it('registers the nine service mails, the payout notice, the privacy request code and the marketing mail', () => {
    expect(TEMPLATE_NAMES).toEqual([
      'welcome-verify',
      'password-reset',
      'lead-created',
      'new-response',
      'hired',
      'new-message',
      'lead-taken',
      'request-update',
      'dispute-update',
      'payout-account-changed',
      'privacy-code',
      'marketing',
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

  it('lead mails name the lead and link to it, in text and HTML', () => {
    const leadUrl = 'https://app.test/leads/abc';
    for (const name of ['lead-created', 'hired', 'lead-taken'] as const) {
      const mail = renderTemplate(name, { name: 'Ann', leadTitle: 'Paint my kitchen', leadUrl });
      expect(mail.subject).toContain('Paint my kitchen');
      expect(mail.text).toContain(`: ${leadUrl}`);
      expect(mail.html).toContain(`href="${leadUrl}"`);
    }
    const response = renderTemplate('new-response', { leadTitle: 'Paint my kitchen', proName: 'Brush & Co', responseUrl: leadUrl });
    expect(response.subject).toBe('Brush & Co responded to "Paint my kitchen"');
    expect(response.html).toContain('Brush &amp; Co responded to your request');
  });

  it('new-message names the sender but never carries a message text', () => {
    const mail = renderTemplate('new-message', { senderName: 'Ann', leadTitle: 'Trip to Lyon', conversationUrl: 'https://app.test/leads/1/messages' });
    expect(mail.text).toContain('Ann wrote to you about "Trip to Lyon"');
    expect(mail.text).toContain('not included in this email');
  });

  it('dispute-update explains each status and links the dispute, never its texts', () => {
    const url = 'https://app.test/leads/7/disputes/8';
    expect(renderTemplate('dispute-update', { leadTitle: 'Move', disputeStatus: 'AWAITING_PARTIES', disputeUrl: url }).text).toContain('has a question');
    expect(renderTemplate('dispute-update', { leadTitle: 'Move', disputeStatus: 'RESOLVED', disputeUrl: url }).text).toContain('has been decided');
    expect(renderTemplate('dispute-update', { leadTitle: 'Move', disputeStatus: 'SOMETHING_NEW', disputeUrl: url }).text).toContain('has a new status');
    expect(renderTemplate('dispute-update', { leadTitle: 'Move', disputeStatus: 'OPEN', disputeUrl: url }).html).toContain(`href="${url}"`);
  });

  it('request-update explains each known status and stays neutral for others', () => {
    const url = 'https://app.test/privacy/requests/1';
    expect(renderTemplate('request-update', { requestStatus: 'EXTENDED', requestUrl: url }).text).toContain('two further months');
    expect(renderTemplate('request-update', { requestStatus: 'COMPLETED', requestUrl: url }).text).toContain('has been completed');
    expect(renderTemplate('request-update', { requestStatus: 'SOMETHING_NEW', requestUrl: url }).text).toContain('has a new status');
    expect(renderTemplate('request-update', { requestStatus: 'RECEIVED', requestUrl: url }).html).toContain(`href="${url}"`);
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

  it('payout-account-changed shows the last 4 characters only, whatever it is given', () => {
    const mail = renderTemplate('payout-account-changed', { name: 'Ann', accountLast4: 'GB82WEST12345698765432', settingsUrl: 'https://app.test/settings/payouts' });
    expect(mail.text).toContain('ending in 5432');
    expect(mail.text).not.toContain('WEST1234');
    expect(mail.html).not.toContain('WEST1234');
  });

  it('marketing carries the one-click unsubscribe headers and the link in both bodies, and is not a service message', () => {
    const url = 'https://app.test/unsubscribe?token=abc.def';
    const mail = renderTemplate('marketing', { subject: 'Spring\r\nBcc: x@y.z', body: 'First.\n\nSecond.', unsubscribeUrl: url });
    expect(mail.subject).toBe('Spring Bcc: x@y.z');
    expect(mail.headers).toEqual({ 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' });
    expect(mail.text).toContain(`Unsubscribe from marketing emails: ${url}`);
    expect(mail.html).toContain(`href="${url}"`);
    expect(mail.text).toContain('It is not a service message');
    expect(mail.text).not.toContain('service message because you have');
    expect(mail.html).toContain('<p>First.</p>');
    expect(() => renderTemplate('marketing', { subject: 's', body: 'b', unsubscribeUrl: 'javascript:alert(1)' })).toThrow();
  });
});
