import { describe, expect, it } from 'vitest';
import { dateOfBirthSchema, formatCalendarDate, isAdult, parseDateOfBirth } from '../src/index.ts';

const at = (iso: string) => new Date(`${iso}T12:00:00Z`);
const dob = (value: string) => {
  const parsed = parseDateOfBirth(value, at('2026-11-21'));
  if (parsed === null) throw new Error(`not a date: ${value}`);
  return parsed;
};

describe('parseDateOfBirth', () => {
  it('parses YYYY-MM-DD into a calendar date', () => {
    expect(parseDateOfBirth('1990-07-04', at('2026-01-01'))).toEqual({ year: 1990, month: 7, day: 4 });
    expect(formatCalendarDate({ year: 1990, month: 7, day: 4 })).toBe('1990-07-04');
  });

  it('refuses impossible, malformed, too old and future dates', () => {
    const now = at('2026-11-21');
    for (const value of ['2023-02-29', '1900-02-29', '2024-13-01', '2024-00-10', '2024-04-31', '2024-06-00', '1899-12-31', '2026-11-22', '90-01-01', '1990-1-1', '1990/01/01', ' 1990-01-01', '1990-01-01T00:00', '']) {
      expect(parseDateOfBirth(value, now), value).toBeNull();
    }
    expect(parseDateOfBirth('2000-02-29', now)).toEqual({ year: 2000, month: 2, day: 29 });
    expect(parseDateOfBirth('2026-11-21', now)).toEqual({ year: 2026, month: 11, day: 21 });
  });
});

describe('isAdult', () => {
  it('turns true on the 18th birthday, not the day before', () => {
    expect(isAdult(dob('2008-11-21'), at('2026-11-20'))).toBe(false);
    expect(isAdult(dob('2008-11-21'), at('2026-11-21'))).toBe(true);
    expect(isAdult(dob('1970-01-01'), at('2026-11-21'))).toBe(true);
  });

  it('uses the UTC calendar day of now', () => {
    expect(isAdult(dob('2008-11-21'), new Date('2026-11-20T23:59:59Z'))).toBe(false);
    expect(isAdult(dob('2008-11-21'), new Date('2026-11-21T00:00:00Z'))).toBe(true);
  });

  it('makes a 29 February baby an adult on 1 March in a non-leap year', () => {
    const leapling = dob('2008-02-29');
    expect(isAdult(leapling, at('2026-02-28'))).toBe(false);
    expect(isAdult(leapling, at('2026-03-01'))).toBe(true);
  });

  it('has no 29 February 18th birthday to handle: 18 years after a leap year is never one', () => {
    for (let year = 1904; year <= 2096; year += 4) expect(parseDateOfBirth(`${year + 18}-02-29`, at('2200-01-01')), String(year)).toBeNull();
    const leapling = dob('2012-02-29');
    expect(isAdult(leapling, at('2030-02-28'))).toBe(false);
    expect(isAdult(leapling, at('2030-03-01'))).toBe(true);
  });
});

describe('dateOfBirthSchema', () => {
  const schema = dateOfBirthSchema(() => at('2026-11-21'));

  it('passes an adult and returns the calendar date', () => {
    expect(schema.parse('2000-01-15')).toEqual({ year: 2000, month: 1, day: 15 });
  });

  it('fails with UNDERAGE or INVALID_DATE_OF_BIRTH', () => {
    expect(schema.safeParse('2010-05-05').error?.issues.map((i) => i.message)).toEqual(['UNDERAGE']);
    expect(schema.safeParse('2001-02-29').error?.issues.map((i) => i.message)).toEqual(['INVALID_DATE_OF_BIRTH']);
  });
});
