import type { LeadCategoryName } from '../models/lead.ts';
import type { ProMatchProfile } from '../peers/users-client.ts';
import { postalKey } from './post-lead-input.ts';

/**
 * Contract C1: a lead matches a pro when the pro is matchable, the lead's category is one of
 * the pro's, and one service area has the lead's country and a prefix of its postal code
 * (upper case, spaces removed; an empty prefix is the whole country).
 */
export function leadMatchesPro(
  lead: { category: LeadCategoryName | string; location: { countryCode: string; postalCode?: string | null } },
  profile: ProMatchProfile,
): boolean {
  if (!profile.matchable) return false;
  if (!profile.categories.includes(lead.category as LeadCategoryName)) return false;
  const key = postalKey(lead.location.postalCode ?? '');
  return profile.serviceAreas.some(
    (area) => area.countryCode.toUpperCase() === lead.location.countryCode && key.startsWith(area.postalPrefix.toUpperCase()),
  );
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The same rule as a MongoDB filter over `location` (for the feed): one `$or` branch per
 * service area, each an indexed country equality plus an anchored prefix on `postalKey`.
 * Null when no area is left (then the feed is empty).
 */
export function serviceAreaFilter(
  areas: ProMatchProfile['serviceAreas'],
  onlyCountry?: string,
): Record<string, unknown> | null {
  const branches = areas
    .map((area) => ({ countryCode: area.countryCode.toUpperCase(), prefix: area.postalPrefix.toUpperCase() }))
    .filter((area) => onlyCountry === undefined || area.countryCode === onlyCountry)
    .map((area) =>
      area.prefix === ''
        ? { 'location.countryCode': area.countryCode }
        : { 'location.countryCode': area.countryCode, 'location.postalKey': { $regex: `^${escapeRegex(area.prefix)}` } },
    );
  if (branches.length === 0) return null;
  // The countries again at the top level: an index on (status, category, location.countryCode,
  // createdAt) then bounds every key field and returns each interval in date order, so the
  // newest-first page is merged from the intervals instead of sorting every match.
  const countries = [...new Set(branches.map((branch) => branch['location.countryCode']))];
  return { 'location.countryCode': { $in: countries }, $or: branches };
}
