import type { Page } from '@leadgraph/db';
import type { Identity } from '@leadgraph/identity';
import { z } from 'zod';
import { LeadsError, LeadsErrorCode } from '../errors.ts';
import type { Loaders } from '../loaders.ts';
import { LEAD_CATEGORIES, type LeadModel, type LeadRecord } from '../models/lead.ts';
import { findKeysetPage, keysetRequest } from './keyset.ts';
import { serviceAreaFilter } from './matching.ts';
import { moneyInputSchema } from './post-lead-input.ts';
import { parseInput } from './validate.ts';

const filterSchema = z
  .object({
    categories: z.array(z.enum(LEAD_CATEGORIES)).nullish(),
    countryCode: z
      .string()
      .trim()
      .transform((s) => s.toUpperCase())
      .pipe(z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code'))
      .nullish(),
    postedAfter: z.date().nullish(),
    budgetMin: moneyInputSchema.nullish(),
  })
  .nullish();

export interface LeadFeedArgs {
  first?: number | null;
  after?: string | null;
  filter?: unknown;
}

/**
 * The calling pro's feed: OPEN, unexpired leads in the pro's categories and service areas
 * (contract C1, asked of the users subgraph), narrowed by `filter`, newest first by
 * (createdAt, _id). A pro who is not matchable (unverified, inactive, restricted or unknown
 * to users) gets `FORBIDDEN` / `PRO_NOT_VERIFIED`: an empty feed would hide why.
 *
 * Served by the index (status, category, location.countryCode, createdAt, _id): one `$or`
 * branch per service area, each with category `$in` and an anchored postal prefix.
 */
export async function leadFeed(
  deps: { Lead: LeadModel; loaders: Loaders },
  identity: Identity,
  args: LeadFeedArgs,
  now = new Date(),
): Promise<Page<LeadRecord>> {
  const request = keysetRequest(args.first, args.after);
  const filter = parseInput(filterSchema, args.filter, 'filter') ?? {};
  const profile = identity.userId === null ? null : await deps.loaders.matchProfile.load(identity.userId);
  if (profile === null || !profile.matchable) {
    throw new LeadsError(LeadsErrorCode.ProNotVerified, 'Only verified pros get a lead feed');
  }
  const categories = profile.categories.filter((c) => filter.categories == null || filter.categories.includes(c));
  const areas = serviceAreaFilter(profile.serviceAreas, filter.countryCode ?? undefined);
  if (categories.length === 0 || areas === null) return { edges: [], pageInfo: { hasNextPage: false, endCursor: null } };
  const query: Record<string, unknown> = {
    status: 'OPEN',
    category: { $in: categories },
    expiresAt: { $gt: now },
    ...areas,
  };
  if (filter.postedAfter != null) query.createdAt = { $gte: filter.postedAfter };
  if (filter.budgetMin != null) {
    query['budget.currency'] = filter.budgetMin.currency;
    query['budget.max'] = { $gte: filter.budgetMin.amount };
  }
  return findKeysetPage<LeadRecord>(deps.Lead, query, request, 'desc');
}

