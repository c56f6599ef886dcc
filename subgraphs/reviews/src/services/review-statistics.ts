import { Types } from 'mongoose';
import { z } from 'zod';
import type { Models } from '../loaders.ts';
import { objectIdString, parseInput } from './input.ts';

const MAX_LEAD_IDS = 200_000;

const inputSchema = z
  .object({
    groups: z.array(z.object({ key: z.string().min(1).max(100), leadIds: z.array(objectIdString) })).max(100),
    minDistinctAuthors: z.number().int().min(2).max(1000),
  })
  .refine((input) => input.groups.reduce((sum, group) => sum + group.leadIds.length, 0) <= MAX_LEAD_IDS, { path: ['groups'] });

export interface ReviewStatisticsAggregate {
  key: string;
  reviewCount: number;
  distinctAuthors: number;
  averageRating: number | null;
}

/**
 * Review aggregates per group of leads, for the leads subgraph's partner statistics (service
 * only; the leads subgraph knows the categories, this one the reviews). Hidden reviews are left
 * out, as from ratings. The average of a group with fewer than `minDistinctAuthors` distinct
 * authors never leaves this subgraph (null); erased authors (authorId null) are not counted as
 * distinct people, so erasure can only make a group smaller, never let a small one through.
 */
export async function reviewStatistics(models: Pick<Models, 'Review'>, rawInput: unknown): Promise<ReviewStatisticsAggregate[]> {
  const input = parseInput(inputSchema, rawInput);
  const keyOfLead = new Map<string, string>();
  for (const group of input.groups) for (const leadId of group.leadIds) keyOfLead.set(leadId, group.key);
  const reviews =
    keyOfLead.size === 0
      ? []
      : await models.Review.find(
          { leadId: { $in: [...keyOfLead.keys()].map((id) => new Types.ObjectId(id)) }, hidden: false },
          { leadId: 1, rating: 1, authorId: 1 },
        ).lean<Array<{ leadId: Types.ObjectId; rating: number; authorId: Types.ObjectId | null }>>();
  const totals = new Map(input.groups.map((group) => [group.key, { count: 0, sum: 0, authors: new Set<string>() }]));
  for (const review of reviews) {
    const total = totals.get(keyOfLead.get(review.leadId.toHexString()) ?? '');
    if (total === undefined) continue;
    total.count += 1;
    total.sum += review.rating;
    if (review.authorId != null) total.authors.add(review.authorId.toHexString());
  }
  return [...totals].map(([key, total]) => ({
    key,
    reviewCount: total.count,
    distinctAuthors: total.authors.size,
    averageRating: total.authors.size >= input.minDistinctAuthors && total.count > 0 ? total.sum / total.count : null,
  }));
}
