import { describe, expect, it } from 'vitest';
import { addMonths } from './calendar.ts';
import { DSR_TRANSITIONS, isAllowedTransition } from './dsr-transitions.ts';
import { exportKeyFrom, signExportToken, verifyExportToken } from './export-token.ts';
import { pagePath, referrerOrigin } from './technical-data.ts';
import { truncateIp } from './truncate-ip.ts';
import { parseUserAgent } from './user-agent.ts';
import { Types } from 'mongoose';

describe('truncateIp', () => {
  it.each([
    ['203.0.113.77', '203.0.113.0'],
    ['::ffff:198.51.100.9', '198.51.100.0'],
    ['2001:db8:85a3:8d3:1319:8a2e:370:7348', '2001:db8:85a3::'],
    ['2001:0db8:0000::1', '2001:db8:0::'],
    ['::1', '0:0:0::'],
    ['fe80::1%eth0', 'fe80:0:0::'],
    ['not an ip', null],
    ['', null],
    [null, null],
  ])('%s → %s', (ip, expected) => {
    expect(truncateIp(ip)).toBe(expected);
  });
});

describe('parseUserAgent', () => {
  it.each([
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36', 'DESKTOP', 'Chrome'],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/130.0 Safari/537.36 Edg/130.0', 'DESKTOP', 'Edge'],
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile/15E148 Safari/604.1', 'MOBILE', 'Safari'],
    ['Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Safari/604.1', 'TABLET', 'Safari'],
    ['Googlebot/2.1 (+http://www.google.com/bot.html)', 'BOT', 'Other'],
    ['curl/8.0', 'UNKNOWN', 'Other'],
  ])('%s', (ua, device, browser) => {
    expect(parseUserAgent(ua)).toEqual({ device, browser });
  });

  it('gives UNKNOWN for nothing', () => {
    expect(parseUserAgent(null)).toEqual({ device: 'UNKNOWN', browser: null });
  });
});

describe('addMonths (legal due dates)', () => {
  it.each([
    ['2026-01-15T10:00:00.000Z', 1, '2026-02-15T10:00:00.000Z'],
    ['2026-01-31T10:00:00.000Z', 1, '2026-02-28T10:00:00.000Z'],
    ['2028-01-31T10:00:00.000Z', 1, '2028-02-29T10:00:00.000Z'],
    ['2026-01-31T10:00:00.000Z', 3, '2026-04-30T10:00:00.000Z'],
    ['2026-12-31T23:59:59.000Z', 1, '2027-01-31T23:59:59.000Z'],
  ])('%s + %i months = %s', (from, months, expected) => {
    expect(addMonths(new Date(from), months).toISOString()).toBe(expected);
  });
});

describe('the data-subject request transitions table', () => {
  it('has final REJECTED and LIFTED, COMPLETED open only to LIFTED (a restriction lifted), and no way back to RECEIVED', () => {
    expect(DSR_TRANSITIONS.COMPLETED).toEqual(['LIFTED']);
    expect(DSR_TRANSITIONS.REJECTED).toEqual([]);
    expect(DSR_TRANSITIONS.LIFTED).toEqual([]);
    for (const from of Object.keys(DSR_TRANSITIONS) as Array<keyof typeof DSR_TRANSITIONS>) expect(isAllowedTransition(from, 'RECEIVED')).toBe(false);
    expect(isAllowedTransition('VERIFYING', 'COMPLETED')).toBe(false);
    expect(isAllowedTransition('EXTENDED', 'EXTENDED')).toBe(false);
  });
});

describe('export tokens', () => {
  const key = exportKeyFrom('k'.repeat(32));
  it('round-trip and refuse a changed expiry, id or key', () => {
    const id = new Types.ObjectId();
    const expiresAt = new Date('2026-02-07T10:00:00.000Z');
    const token = signExportToken(key, id, expiresAt);
    expect(verifyExportToken(key, token)).toEqual({ artifactId: id, expiresAt });
    const [hex, exp, mac] = token.split('.');
    expect(verifyExportToken(key, `${hex}.${Number(exp) + 1}.${mac}`)).toBeNull();
    expect(verifyExportToken(key, `${new Types.ObjectId().toHexString()}.${exp}.${mac}`)).toBeNull();
    expect(verifyExportToken(exportKeyFrom('o'.repeat(32)), token)).toBeNull();
    expect(verifyExportToken(key, 'garbage')).toBeNull();
  });
});

describe('page and referrer reduction', () => {
  it('keeps the path and the origin only', () => {
    expect(pagePath('/reset?token=abc#x')).toBe('/reset');
    expect(referrerOrigin('https://a.example/path?q=1')).toBe('https://a.example');
    expect(referrerOrigin('javascript:alert(1)')).toBeNull();
    expect(referrerOrigin('nope')).toBeNull();
  });
});
