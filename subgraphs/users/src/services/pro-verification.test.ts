import { describe, expect, it } from 'vitest';
import { editResubmits, nextVerificationStatus } from './pro-verification.ts';

describe('pro verification transitions', () => {
  it.each([
    ['SUBMIT', null, 'PENDING'],
    ['SUBMIT', 'REJECTED', 'PENDING'],
    ['SUBMIT', 'VERIFIED', 'PENDING'],
    ['SUBMIT', 'PENDING', null],
    ['VERIFY', 'PENDING', 'VERIFIED'],
    ['VERIFY', 'VERIFIED', null],
    ['VERIFY', 'REJECTED', null],
    ['VERIFY', null, null],
    ['REJECT', 'PENDING', 'REJECTED'],
    ['REJECT', 'VERIFIED', 'REJECTED'],
    ['REJECT', 'REJECTED', null],
    ['REJECT', null, null],
  ] as const)('%s from %s leads to %s', (event, from, to) => {
    expect(nextVerificationStatus(event, from)).toBe(to);
  });

  it('resubmits a verified profile only for a new name or a new category', () => {
    const verified = { status: 'VERIFIED' as const, companyName: 'Acme', categories: ['CLEANING', 'MOVING'] };
    expect(editResubmits(verified, { companyName: 'Acme', categories: ['CLEANING'] })).toBe(false);
    expect(editResubmits(verified, { companyName: 'Acme', categories: ['CLEANING', 'TRAVEL'] })).toBe(true);
    expect(editResubmits(verified, { companyName: 'Acme Ltd', categories: ['CLEANING'] })).toBe(true);
    expect(editResubmits({ ...verified, status: 'REJECTED' }, { companyName: 'Acme', categories: ['CLEANING'] })).toBe(true);
    expect(editResubmits({ ...verified, status: 'PENDING' }, { companyName: 'X', categories: ['TRAVEL'] })).toBe(false);
    expect(editResubmits(null, { companyName: 'Acme', categories: ['CLEANING'] })).toBe(true);
  });
});
