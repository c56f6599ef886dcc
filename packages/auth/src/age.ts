import { z } from 'zod';

/** The youngest age allowed on the platform (seed policies: no users under 18). */
export const MINIMUM_AGE = 18;

/** The oldest year of birth accepted; earlier dates are typing mistakes, not people. */
export const EARLIEST_BIRTH_YEAR = 1900;

/** A date on the calendar, without a time or a time zone (a birthday is not an instant). */
export interface CalendarDate {
  year: number;
  /** 1–12. */
  month: number;
  /** 1–31. */
  day: number;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** The calendar date of `now` in UTC (the platform's reference day). */
export function utcCalendarDate(now: Date): CalendarDate {
  return { year: now.getUTCFullYear(), month: now.getUTCMonth() + 1, day: now.getUTCDate() };
}

function compare(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/**
 * The date in `value` (`YYYY-MM-DD`, nothing else), or null when it is not a real calendar
 * date (2023-02-29, 2024-13-01, 2024-04-31), is before 1900, or is after `now`.
 */
export function parseDateOfBirth(value: string, now: Date = new Date()): CalendarDate | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (match === null) return null;
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  if (date.year < EARLIEST_BIRTH_YEAR || date.month < 1 || date.month > 12) return null;
  if (date.day < 1 || date.day > daysInMonth(date.year, date.month)) return null;
  if (compare(date, utcCalendarDate(now)) > 0) return null;
  return date;
}

/**
 * Whether someone born on `dateOfBirth` is 18 or older on `now`'s UTC calendar day. The
 * birthday counts from its first day. Someone born on 29 February comes of age on 1 March
 * (the English-law reading): 18 years after a leap year is never a leap year.
 */
export function isAdult(dateOfBirth: CalendarDate, now: Date = new Date()): boolean {
  const today = utcCalendarDate(now);
  const cutoff = { year: today.year - MINIMUM_AGE, month: today.month, day: today.day };
  return compare(dateOfBirth, cutoff) <= 0;
}

/** `CalendarDate` as `YYYY-MM-DD`. */
export function formatCalendarDate(date: CalendarDate): string {
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

/**
 * A zod schema for a sign-up's date of birth: a real `YYYY-MM-DD` date (issue code
 * `INVALID_DATE_OF_BIRTH`) of someone 18 or older (issue code `UNDERAGE`). `now` is read at
 * parse time unless given.
 */
export function dateOfBirthSchema(now: () => Date = () => new Date()) {
  return z.string().transform((value, ctx) => {
    const at = now();
    const date = parseDateOfBirth(value, at);
    if (date === null) {
      ctx.addIssue({ code: 'custom', message: 'INVALID_DATE_OF_BIRTH' });
      return z.NEVER;
    }
    if (!isAdult(date, at)) {
      ctx.addIssue({ code: 'custom', message: 'UNDERAGE' });
      return z.NEVER;
    }
    return date;
  });
}
