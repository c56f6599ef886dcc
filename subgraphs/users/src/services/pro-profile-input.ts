import { z } from 'zod';
import { LEAD_CATEGORIES } from '../models/user.ts';
import { ISO_COUNTRY_CODES } from './countries.ts';
import { LIMITS } from './input.ts';

/** Bounds of a pro profile, in one place (the SDL descriptions say the same). */
export const PRO_PROFILE_LIMITS = { description: 4000, categories: 8, serviceAreas: 50, postalPrefix: 10, website: 2048, reason: 1000 } as const;

/** One plain address (as sign-up accepts it). */
const EMAIL = /^[^\s@,;<>"]+@[^\s@,;<>".]+(\.[^\s@,;<>".]+)+$/;

/** Null, undefined and blank all mean "none". */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null));

export const serviceAreaInput = z.object({
  countryCode: z
    .string()
    .trim()
    .transform((v) => v.toUpperCase())
    .refine((v) => ISO_COUNTRY_CODES.has(v), 'not an ISO 3166-1 alpha-2 country code'),
  postalPrefix: z
    .string()
    .nullish()
    .transform((v) => (v ?? '').replace(/\s+/g, '').toUpperCase())
    .refine((v) => new RegExp(`^[0-9A-Z]{0,${PRO_PROFILE_LIMITS.postalPrefix}}$`).test(v), 'letters and digits only, at most 10'),
});

function unique<T>(items: readonly T[], key: (item: T) => string): boolean {
  return new Set(items.map(key)).size === items.length;
}

/** `updateMyProProfile` input, normalised: trimmed text, upper-case areas, null for "none". */
export const updateProProfileInput = z.object({
  companyName: z.string().trim().min(1).max(LIMITS.name),
  description: z.string().trim().max(PRO_PROFILE_LIMITS.description),
  categories: z
    .array(z.enum(LEAD_CATEGORIES))
    .min(1)
    .max(PRO_PROFILE_LIMITS.categories)
    .refine((items) => unique(items, (c) => c), 'duplicate category'),
  serviceAreas: z
    .array(serviceAreaInput)
    .min(1)
    .max(PRO_PROFILE_LIMITS.serviceAreas)
    .refine((items) => unique(items, (a) => `${a.countryCode}:${a.postalPrefix}`), 'duplicate area'),
  businessEmail: optionalText(254).refine((v) => v === null || EMAIL.test(v), 'not an email address').transform((v) => v?.toLowerCase() ?? null),
  businessPhone: optionalText(32).refine((v) => {
    if (v === null) return true;
    const digits = v.replace(/\D/g, '').length;
    return /^\+?[0-9 ().\-/]+$/.test(v) && digits >= 6 && digits <= 20;
  }, 'not a phone number'),
  website: optionalText(PRO_PROFILE_LIMITS.website).refine((v) => {
    if (v === null) return true;
    try {
      const url = new URL(v);
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.');
    } catch {
      return false;
    }
  }, 'not an absolute http(s) URL'),
});

export type ProProfileText = z.infer<typeof updateProProfileInput>;
