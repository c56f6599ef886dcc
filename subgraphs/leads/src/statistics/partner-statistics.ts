import type { Identity } from '@leadgraph/identity';
import type { Types } from 'mongoose';
import { z } from 'zod';
import { LeadsError, LeadsErrorCode } from '../errors.ts';
import { MAX_OPEN_DAYS } from '../lifecycle/expiry.ts';
import type { Models } from '../loaders.ts';
import type { CurrencyName, LeadCategoryName } from '../models/lead.ts';
import type { ReviewsPeer } from '../peers/reviews-client.ts';
import { parseInput } from '../services/validate.ts';
import { groupBy, hasDistinctPeople, suppressedMedian } from './aggregate.ts';

/** The scope an integrator's API key needs for partner statistics (decision 0006). */
export const STATISTICS_READ_SCOPE = 'statistics:read';

/** Longest period one request may cover. */
const MAX_PERIOD_MS = 3 * 366 * 24 * 60 * 60 * 1000;

const inputSchema = z
  .object({
    from: z.date(),
    to: z.date(),
    groupBy: z
      .array(z.enum(['CATEGORY', 'COUNTRY']))
      .nullish()
      .transform((dimensions) => new Set(dimensions ?? ['CATEGORY', 'COUNTRY'])),
  })
  .refine((input) => input.to.getTime() > input.from.getTime(), { path: ['to'], message: 'must be after from' })
  .refine((input) => input.to.getTime() - input.from.getTime() <= MAX_PERIOD_MS, { path: ['to'], message: 'must be at most 3 years after from' });

/** Admins, and integrators whose key carries `statistics:read`; anyone else gets FORBIDDEN. */
export function assertMayReadStatistics(identity: Identity): void {
  if (identity.role === 'admin' || identity.scopes.includes(STATISTICS_READ_SCOPE)) return;
  throw new LeadsError(LeadsErrorCode.StatisticsScopeRequired, 'Partner statistics need an admin or an API key with statistics:read');
}

export interface LeadStatisticsGroup {
  month: string;
  category: LeadCategoryName | null;
  countryCode: string | null;
  leadCount: number;
  medianBudgets: Array<{ currency: CurrencyName; median: number }>;
  medianMinutesToFirstResponse: number | null;
}

export interface PartnerStatistics {
  from: Date;
  to: Date;
  minGroupSize: number;
  leadGroups: LeadStatisticsGroup[];
  suppressedLeadGroups: number;
  reviewGroups: Array<{ category: LeadCategoryName; reviewCount: number; averageRating: number }>;
  suppressedReviewGroups: number;
}

/** The projection read per lead: no title, description, place, contact or detail ever. */
interface LeadFacts {
  _id: Types.ObjectId;
  clientId: Types.ObjectId;
  category: LeadCategoryName;
  status: string;
  createdAt: Date;
  location: { countryCode: string };
  budget: { min: number; max: number; currency: CurrencyName };
}

/** A lead reduced to what the aggregates need; `personId` (its client) only counts distinct people. */
interface Fact {
  personId: string;
  leadId: string;
  month: string;
  category: LeadCategoryName;
  countryCode: string;
  completed: boolean;
  currency: CurrencyName;
  budgetMidpoint: number;
  minutesToFirstResponse: number | null;
}

const MINUTE_MS = 60_000;

/**
 * Aggregate, non-identifying statistics over the leads posted in [from, to) (privacy policy:
 * "aggregated ... data with our commercial and marketing partners, in which neither you nor any
 * other individual is identified"): leads per month × category × country, the median budget
 * midpoint per currency, the median minutes to the first response, and review averages per
 * category (from the reviews subgraph, over the reviews of the period's completed leads).
 *
 * k-anonymity: a group is reported only when its leads come from at least `minGroupSize`
 * distinct clients (reviews: distinct authors), otherwise it is only counted as suppressed;
 * within a reported group a currency's median, and the response-time median, need `k` distinct
 * clients too. The result holds no id, name or free text.
 */
export async function partnerStatistics(
  deps: { models: Models; reviews: ReviewsPeer; minGroupSize: number },
  identity: Identity,
  rawInput: unknown,
): Promise<PartnerStatistics> {
  assertMayReadStatistics(identity);
  const input = parseInput(inputSchema, rawInput);
  const k = deps.minGroupSize;
  const leads = await deps.models.Lead.find(
    { createdAt: { $gte: input.from, $lt: input.to } },
    { clientId: 1, category: 1, status: 1, createdAt: 1, 'location.countryCode': 1, budget: 1 },
  ).lean<LeadFacts[]>();
  const firstResponse = await firstResponses(deps.models, input.from, input.to);
  const facts: Fact[] = leads.map((lead) => {
    const leadId = lead._id.toHexString();
    const first = firstResponse.get(leadId);
    return {
      personId: lead.clientId.toHexString(),
      leadId,
      month: lead.createdAt.toISOString().slice(0, 7),
      category: lead.category,
      countryCode: lead.location.countryCode,
      completed: lead.status === 'COMPLETED',
      currency: lead.budget.currency,
      budgetMidpoint: Math.round((lead.budget.min + lead.budget.max) / 2),
      minutesToFirstResponse: first === undefined ? null : Math.max(0, (first.getTime() - lead.createdAt.getTime()) / MINUTE_MS),
    };
  });

  const byCategory = input.groupBy.has('CATEGORY');
  const byCountry = input.groupBy.has('COUNTRY');
  const groups = groupBy(facts, (f) => [f.month, byCategory ? f.category : '', byCountry ? f.countryCode : ''].join('|'));
  const leadGroups: LeadStatisticsGroup[] = [];
  let suppressedLeadGroups = 0;
  for (const items of groups.values()) {
    if (!hasDistinctPeople(items, k)) {
      suppressedLeadGroups += 1;
      continue;
    }
    const first = items[0]!;
    const medianBudgets = [...groupBy(items, (f) => f.currency)].flatMap(([currency, inCurrency]) => {
      const value = suppressedMedian(inCurrency, k, (f) => f.budgetMidpoint);
      return value === null ? [] : [{ currency: currency as CurrencyName, median: Math.round(value) }];
    });
    const answered = items.filter((f) => f.minutesToFirstResponse !== null);
    const minutes = suppressedMedian(answered, k, (f) => f.minutesToFirstResponse!);
    leadGroups.push({
      month: first.month,
      category: byCategory ? first.category : null,
      countryCode: byCountry ? first.countryCode : null,
      leadCount: items.length,
      medianBudgets: medianBudgets.sort((a, b) => a.currency.localeCompare(b.currency)),
      medianMinutesToFirstResponse: minutes === null ? null : Math.round(minutes * 10) / 10,
    });
  }
  leadGroups.sort((a, b) =>
    [a.month, a.category ?? '', a.countryCode ?? ''].join('|').localeCompare([b.month, b.category ?? '', b.countryCode ?? ''].join('|')),
  );

  const completedByCategory = groupBy(
    facts.filter((f) => f.completed),
    (f) => f.category,
  );
  const aggregates = await deps.reviews.reviewStatistics(
    [...completedByCategory].map(([key, items]) => ({ key, leadIds: items.map((f) => f.leadId) })),
    k,
  );
  const reviewGroups: PartnerStatistics['reviewGroups'] = [];
  let suppressedReviewGroups = 0;
  for (const aggregate of aggregates) {
    if (aggregate.reviewCount === 0) continue;
    if (aggregate.distinctAuthors < k || aggregate.averageRating === null) {
      suppressedReviewGroups += 1;
      continue;
    }
    reviewGroups.push({
      category: aggregate.key as LeadCategoryName,
      reviewCount: aggregate.reviewCount,
      averageRating: Math.round(aggregate.averageRating * 100) / 100,
    });
  }
  reviewGroups.sort((a, b) => a.category.localeCompare(b.category));

  return { from: input.from, to: input.to, minGroupSize: k, leadGroups, suppressedLeadGroups, reviewGroups, suppressedReviewGroups };
}

/** A lead takes responses at most this long after it was posted (it expires by then), with a day to spare. */
const RESPONSE_WINDOW_MS = (MAX_OPEN_DAYS + 1) * 24 * 60 * 60 * 1000;

/**
 * Each lead's first response time, over the responses that can belong to leads posted in
 * [from, to): a response follows its lead, and comes at most 60 days after it.
 */
async function firstResponses(models: Models, from: Date, to: Date): Promise<Map<string, Date>> {
  const until = new Date(to.getTime() + RESPONSE_WINDOW_MS);
  const responses = await models.Response.find({ createdAt: { $gte: from, $lt: until } }, { leadId: 1, createdAt: 1 }).lean<
    Array<{ leadId: Types.ObjectId; createdAt: Date }>
  >();
  const first = new Map<string, Date>();
  for (const response of responses) {
    const key = response.leadId.toHexString();
    const seen = first.get(key);
    if (seen === undefined || response.createdAt < seen) first.set(key, response.createdAt);
  }
  return first;
}
