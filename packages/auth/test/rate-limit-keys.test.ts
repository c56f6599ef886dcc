import { describe, expect, it } from 'vitest';
import { LOGIN_ACCOUNT_POLICY, accountLimitKey, backoffDelayMs, ipBucket, loginLimitKeys, resetLimitKeys } from '../src/index.ts';

describe('rate-limit keys', () => {
  it('hold pseudonyms only: never the email or the address', () => {
    const keys = loginLimitKeys({ email: 'Ann.Lee@Example.test', ip: '203.0.113.7' });
    expect(keys.map((k) => k.key)).toEqual([expect.stringMatching(/^login:acct:[0-9a-f]{64}$/), expect.stringMatching(/^login:ip:[0-9a-f]{64}$/)]);
    const joined = keys.map((k) => k.key).join(' ');
    expect(joined).not.toMatch(/ann|example|203\.0/i);
    expect(keys.map((k) => k.onSuccess)).toEqual(['clear', 'forgive']);
    expect(resetLimitKeys({ email: 'a@b.test', ip: '::1' }).map((k) => [k.key.split(':').slice(0, 2).join(':'), k.onSuccess])).toEqual([
      ['reset:acct', 'keep'],
      ['reset:ip', 'keep'],
    ]);
  });

  it('normalise the email (case, spaces) so variants share one counter', () => {
    expect(accountLimitKey('login', ' ANN@example.test ')).toBe(accountLimitKey('login', 'ann@example.test'));
  });

  it('change completely with a pepper', () => {
    expect(accountLimitKey('login', 'ann@example.test', 'pepper-1')).not.toBe(accountLimitKey('login', 'ann@example.test'));
    expect(accountLimitKey('login', 'ann@example.test', 'pepper-1')).not.toBe(accountLimitKey('login', 'ann@example.test', 'pepper-2'));
  });

  it('bucket IPv6 addresses by /64 and unwrap IPv4-mapped ones', () => {
    expect(ipBucket('203.0.113.7')).toBe('203.0.113.7');
    expect(ipBucket('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(ipBucket('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(ipBucket('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(ipBucket('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(ipBucket('::1')).toBe('0:0:0:0::/64');
    expect(ipBucket('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(ipBucket('not an ip')).toBe('unknown');
  });
});

describe('backoffDelayMs', () => {
  it('is zero before the limit, then doubles from the base up to the cap', () => {
    const p = LOGIN_ACCOUNT_POLICY; // 5 attempts, 30 s base, 15 min cap
    expect([1, 2, 3, 4].map((n) => backoffDelayMs(n, p))).toEqual([0, 0, 0, 0]);
    expect([5, 6, 7, 8, 9].map((n) => backoffDelayMs(n, p))).toEqual([30_000, 60_000, 120_000, 240_000, 480_000]);
    expect(backoffDelayMs(10, p)).toBe(900_000);
    expect(backoffDelayMs(10_000, p)).toBe(900_000);
  });
});
