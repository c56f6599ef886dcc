import { z } from 'zod';
import { LEAD_CATEGORIES } from '../models/user.ts';
import { serviceAreaInput } from '../services/pro-profile-input.ts';

const ROLES = { CLIENT: 'client', PRO: 'pro' } as const;

/** A segment as `sendMarketingMessage` takes it; categories and areas narrow pros only. */
export const segmentInput = z
  .object({
    roles: z.array(z.enum(['CLIENT', 'PRO'])).min(1).max(2),
    categories: z.array(z.enum(LEAD_CATEGORIES)).max(LEAD_CATEGORIES.length).nullish(),
    serviceAreas: z.array(serviceAreaInput).max(200).nullish(),
  })
  .refine((s) => new Set(s.roles).size === s.roles.length, { path: ['roles'], message: 'each role at most once' })
  .refine((s) => (s.categories ?? []).length === 0 || (s.roles.length === 1 && s.roles[0] === 'PRO'), { path: ['categories'], message: 'only pros have categories' })
  .refine((s) => (s.serviceAreas ?? []).length === 0 || (s.roles.length === 1 && s.roles[0] === 'PRO'), { path: ['serviceAreas'], message: 'only pros have service areas' });

export interface Segment {
  roles: Array<'CLIENT' | 'PRO'>;
  categories: string[];
  serviceAreas: Array<{ countryCode: string; postalPrefix: string }>;
}

export function normalizeSegment(parsed: z.infer<typeof segmentInput>): Segment {
  return { roles: parsed.roles, categories: [...new Set(parsed.categories ?? [])], serviceAreas: parsed.serviceAreas ?? [] };
}

/**
 * The database filter of a segment: active accounts with a confirmed address in the roles,
 * pros narrowed by category and by the countries of the areas (the prefixes are checked by
 * `inAreas`, since either prefix may be the shorter).
 */
export function segmentFilter(segment: Segment): Record<string, unknown> {
  const filter: Record<string, unknown> = {
    role: { $in: segment.roles.map((role) => ROLES[role]) },
    disabledAt: null,
    emailVerifiedAt: { $ne: null },
  };
  if (segment.categories.length > 0) filter['proProfile.categories'] = { $in: segment.categories };
  if (segment.serviceAreas.length > 0) filter['proProfile.serviceAreas.countryCode'] = { $in: [...new Set(segment.serviceAreas.map((a) => a.countryCode))] };
  return filter;
}

/** Whether one of a pro's areas meets one of the segment's: same country, one prefix starting with the other. */
export function inAreas(segment: Segment, areas: ReadonlyArray<{ countryCode: string; postalPrefix?: string | null }> | undefined): boolean {
  if (segment.serviceAreas.length === 0) return true;
  return (areas ?? []).some((area) =>
    segment.serviceAreas.some((wanted) => {
      const prefix = area.postalPrefix ?? '';
      return wanted.countryCode === area.countryCode && (prefix.startsWith(wanted.postalPrefix) || wanted.postalPrefix.startsWith(prefix));
    }),
  );
}
