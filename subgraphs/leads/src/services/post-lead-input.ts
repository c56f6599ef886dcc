import { z } from 'zod';
import { CURRENCIES, LEAD_CATEGORIES } from '../models/lead.ts';
import { dayStart } from '../lifecycle/expiry.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** How far ahead a lead's dates may reach. */
export const MAX_YEARS_AHEAD = 2;
/** Most extra details a lead may carry. */
export const MAX_DETAILS = 20;
/** Largest amount in minor units (10 million in major units): keeps sums inside GraphQL's Int. */
export const MAX_AMOUNT = 1_000_000_000;

/** Today's date in UTC, `YYYY-MM-DD`. */
export function todayUtc(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** The last date allowed: the same day MAX_YEARS_AHEAD years from today (UTC). */
function lastAllowed(now: Date): string {
  const d = new Date(now);
  d.setUTCFullYear(d.getUTCFullYear() + MAX_YEARS_AHEAD);
  return todayUtc(d);
}

/** A real calendar date `YYYY-MM-DD` (2026-02-30 is refused). */
const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((s) => {
    const t = dayStart(s);
    return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === s;
  }, 'is not a calendar date');

const text = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min, `must be at least ${min} characters`)
    .max(max, `must be at most ${max} characters`);

const countryCode = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .pipe(z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code'));

const postalCode = z
  .string()
  .trim()
  .regex(/^[0-9A-Za-z][0-9A-Za-z -]{0,11}$/, 'must be 1 to 12 letters, digits, spaces or dashes');

const amount = z
  .number()
  .int('must be an integer in minor units')
  .min(0, 'must not be negative')
  .max(MAX_AMOUNT, `must be at most ${MAX_AMOUNT}`);

/** Dates relative to `now`: not in the past, within MAX_YEARS_AHEAD, ordered. */
function datesSchema(now: Date) {
  const today = todayUtc(now);
  const last = lastAllowed(now);
  const notPast = (s: string) => s >= today;
  const notTooFar = (s: string) => s <= last;
  const day = calendarDate
    .refine(notPast, 'must not be in the past')
    .refine(notTooFar, `must be within ${MAX_YEARS_AHEAD} years`);
  const fixed = z
    .object({ startDate: day, endDate: day })
    .refine((d) => d.endDate >= d.startDate, { message: 'must be on or after startDate', path: ['endDate'] });
  const flexible = z
    .object({
      earliestDate: day,
      latestDate: day,
      durationDays: z.number().int('must be an integer').min(1, 'must be at least 1 day'),
    })
    .refine((d) => d.latestDate >= d.earliestDate, { message: 'must be on or after earliestDate', path: ['latestDate'] })
    .refine((d) => d.durationDays <= (dayStart(d.latestDate) - dayStart(d.earliestDate)) / DAY_MS + 1, {
      message: 'must fit between earliestDate and latestDate',
      path: ['durationDays'],
    });
  return z
    .object({ fixed: fixed.nullish(), flexible: flexible.nullish() })
    .refine((d) => (d.fixed == null) !== (d.flexible == null), 'give exactly one of fixed and flexible');
}

/** `postLead(input)` as zod: every rule of the SDL's PostLeadInput, relative to `now`. */
export function postLeadInputSchema(now = new Date()) {
  return z.object({
    category: z.enum(LEAD_CATEGORIES),
    title: text(3, 120),
    description: text(10, 5000),
    dates: datesSchema(now),
    location: z.object({ countryCode, city: text(1, 100), postalCode, address: text(1, 200) }),
    destination: z.object({ countryCode, city: text(1, 100), postalCode: postalCode.nullish() }).nullish(),
    budget: z
      .object({ min: amount, max: amount, currency: z.enum(CURRENCIES, 'must be a supported ISO 4217 currency') })
      .refine((b) => b.min <= b.max, { message: 'must be at least min', path: ['max'] }),
    details: z
      .array(z.object({ key: text(1, 40), value: text(1, 500) }))
      .max(MAX_DETAILS, `at most ${MAX_DETAILS} details`)
      .refine((list) => new Set(list.map((d) => d.key.toLowerCase())).size === list.length, 'keys must be unique')
      .nullish()
      .transform((list) => list ?? []),
    contact: z.object({
      email: z.string().trim().max(254, 'must be at most 254 characters').pipe(z.email('must be an email address')),
      phone: z
        .string()
        .trim()
        .regex(/^\+?[0-9 ().-]{6,24}$/, 'must be a phone number')
        .refine((p) => {
          const digits = p.replace(/\D/g, '').length;
          return digits >= 6 && digits <= 20;
        }, 'must have 6 to 20 digits'),
    }),
  });
}

export type PostLeadInput = z.output<ReturnType<typeof postLeadInputSchema>>;

/** Upper case, spaces removed (contract C1): the form pros' postal prefixes are matched against. */
export function postalKey(postalCode: string): string {
  return postalCode.toUpperCase().replace(/\s/g, '');
}

/** A quote or a budget amount with its currency (`MoneyInput`). */
export const moneyInputSchema = z.object({ amount, currency: z.enum(CURRENCIES, 'must be a supported ISO 4217 currency') });
